import type { GivenNameEquivalences } from './given-name-equivalences';
import type { GivenToken } from './parse-name';

/** How two given names (first or middle) relate. */
export type GivenTokenRelation = 'same' | 'variant' | 'initial' | 'conflict';

/** Edit distance of at most one (insertion, deletion, substitution or swap of neighbours). */
function withinOneEdit(left: string, right: string): boolean {
  if (Math.abs(left.length - right.length) > 1) return false;
  let i = 0;
  while (i < left.length && i < right.length && left[i] === right[i]) i += 1;
  const swapped =
    left[i] === right[i + 1] && left[i + 1] === right[i] && left.slice(i + 2) === right.slice(i + 2);
  return (
    swapped ||
    left.slice(i + 1) === right.slice(i + 1) ||
    left.slice(i) === right.slice(i + 1) ||
    left.slice(i + 1) === right.slice(i)
  );
}

/**
 * Relation of two full given names that differ: listed equivalents (Jim/James), a shortened form
 * (Fred/Frederic), or a one-letter transliteration difference in a long name (Ludmila/Ludmilla).
 */
function fullNamesRelate(left: string, right: string, equivalences: GivenNameEquivalences): boolean {
  if (equivalences.areEquivalent(left, right)) return true;
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  if (shorter.length >= 3 && longer.startsWith(shorter)) return true;
  return shorter.length >= 5 && withinOneEdit(left, right);
}

/** Compares two given-name tokens. */
export function relateGivenTokens(
  left: GivenToken,
  right: GivenToken,
  equivalences: GivenNameEquivalences,
): GivenTokenRelation {
  if (left.initial || right.initial) return left.value[0] === right.value[0] ? 'initial' : 'conflict';
  if (left.value === right.value) return 'same';
  return fullNamesRelate(left.value, right.value, equivalences) ? 'variant' : 'conflict';
}

/**
 * Whether middle names agree: the shorter list must appear in order inside the longer one, each token
 * matching (an absent middle name never conflicts; `Richard D.` and `Richard W.` do).
 */
export function middleNamesAgree(
  left: GivenToken[],
  right: GivenToken[],
  equivalences: GivenNameEquivalences,
): boolean {
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  let cursor = 0;
  for (const token of shorter) {
    while (
      cursor < longer.length &&
      relateGivenTokens(token, longer[cursor] as GivenToken, equivalences) === 'conflict'
    ) {
      cursor += 1;
    }
    if (cursor >= longer.length) return false;
    cursor += 1;
  }
  return true;
}
