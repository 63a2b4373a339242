import { middleNamesAgree, relateGivenTokens } from './given-name-compare';
import { defaultGivenNameEquivalences } from './given-name-equivalences';
import { familyCoreTokens, familyForms, parseName } from './parse-name';

import type { GivenNameEquivalences } from './given-name-equivalences';
import type { GivenToken, NameInput, ParsedName } from './parse-name';

/** How well two names agree, strongest first. */
export const NAME_MATCH_LEVELS = [
  'exact',
  'compatible',
  'initials',
  'surname_only',
  'conflicting',
  'unrelated',
] as const;
/**
 * `exact`: same family and the same full given names; `compatible`: same family, full first names that
 * agree (equal, nickname, variant) and middle names that do not conflict; `initials`: agreement through
 * initials only; `surname_only`: one side has no given name; `conflicting`: same family, given names
 * that disagree; `unrelated`: family names that share nothing.
 */
export type NameMatchLevel = (typeof NAME_MATCH_LEVELS)[number];

/** Result of comparing two names, with the reading that gave it. */
export interface NameComparison {
  /** Agreement level. */
  level: NameMatchLevel;
  /** Family names agree only through one part of a compound surname (`Jiménez` / `Jiménez Moscoso`). */
  partialFamily: boolean;
  /** One name was read in the other order (family name first). */
  reordered: boolean;
  /** Short account of the comparison. */
  detail: string;
}

const RANK: Record<NameMatchLevel, number> = {
  exact: 5,
  compatible: 4,
  initials: 3,
  surname_only: 2,
  conflicting: 1,
  unrelated: 0,
};

/** Whether level `left` is stronger than `right`. */
export function isStrongerLevel(left: NameMatchLevel, right: NameMatchLevel): boolean {
  return RANK[left] > RANK[right];
}

type FamilyRelation = 'same' | 'partial' | 'different';

function relateFamilies(left: ParsedName, right: ParsedName): FamilyRelation {
  const rightForms = familyForms(right);
  if (familyForms(left).some((form) => rightForms.includes(form))) return 'same';
  const rightTokens = familyCoreTokens(right.family);
  return familyCoreTokens(left.family).some((token) => rightTokens.includes(token)) ? 'partial' : 'different';
}

function givenLevel(
  left: GivenToken[],
  right: GivenToken[],
  equivalences: GivenNameEquivalences,
): NameMatchLevel {
  const [leftFirst, rightFirst] = [left[0], right[0]];
  if (!leftFirst || !rightFirst) return 'surname_only';
  const first = relateGivenTokens(leftFirst, rightFirst, equivalences);
  if (first === 'conflict' || !middleNamesAgree(left.slice(1), right.slice(1), equivalences))
    return 'conflicting';
  if (first === 'initial') return 'initials';
  const allFull = [...left, ...right].every((token) => !token.initial);
  const sameTokens =
    left.length === right.length && left.every((token, i) => token.value === right[i]?.value);
  return first === 'same' && allFull && sameTokens ? 'exact' : 'compatible';
}

function capAtCompatible(level: NameMatchLevel): NameMatchLevel {
  return level === 'exact' ? 'compatible' : level;
}

function compareReadings(
  left: ParsedName,
  right: ParsedName,
  equivalences: GivenNameEquivalences,
): NameComparison {
  let family = relateFamilies(left, right);
  const reordered = left.reordered !== right.reordered;
  // A compound reading only counts when it explains the other name's whole family name.
  if (family === 'partial' && (left.compound || right.compound)) family = 'different';
  if (family === 'different')
    return { level: 'unrelated', partialFamily: false, reordered, detail: 'family names differ' };
  let level = givenLevel(left.given, right.given, equivalences);
  if (family === 'partial' || reordered) level = capAtCompatible(level);
  const notes = [family === 'partial' ? 'one part of a compound family name' : 'same family name'];
  if (reordered) notes.push('read family name first');
  return {
    level,
    partialFamily: family === 'partial',
    reordered,
    detail: `${level.replace('_', ' ')}: ${notes.join(', ')}`,
  };
}

/** Compares every reading of two names and keeps the strongest agreement. */
export function compareParsedNames(
  left: ParsedName[],
  right: ParsedName[],
  equivalences: GivenNameEquivalences = defaultGivenNameEquivalences(),
): NameComparison {
  let best: NameComparison = {
    level: 'unrelated',
    partialFamily: false,
    reordered: false,
    detail: 'no readable name',
  };
  let bestSet = false;
  for (const leftReading of left) {
    for (const rightReading of right) {
      const comparison = compareReadings(leftReading, rightReading, equivalences);
      if (!bestSet || isStrongerLevel(comparison.level, best.level)) best = comparison;
      bestSet = true;
    }
  }
  return best;
}

/** Compares two names as sources give them. */
export function compareNames(
  left: NameInput,
  right: NameInput,
  equivalences: GivenNameEquivalences = defaultGivenNameEquivalences(),
): NameComparison {
  return compareParsedNames(parseName(left), parseName(right), equivalences);
}

/** Best agreement of a name with any of a profile's names (display name and declared variants). */
export function compareWithVariants(
  name: ParsedName[],
  variants: ParsedName[][],
  equivalences: GivenNameEquivalences = defaultGivenNameEquivalences(),
): NameComparison & { variantIndex: number } {
  let best = { ...compareParsedNames(name, [], equivalences), variantIndex: -1 };
  variants.forEach((variant, variantIndex) => {
    const comparison = compareParsedNames(name, variant, equivalences);
    if (best.variantIndex < 0 || isStrongerLevel(comparison.level, best.level))
      best = { ...comparison, variantIndex };
  });
  return best;
}
