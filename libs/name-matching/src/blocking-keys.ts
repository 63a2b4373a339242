import { defaultGivenNameEquivalences } from './given-name-equivalences';
import { familyCoreTokens, familyForms } from './parse-name';

import type { GivenNameEquivalences } from './given-name-equivalences';
import type { ParsedName } from './parse-name';

/** Key suffix that a name without a given name blocks on. */
const NO_GIVEN = '?';

function familyKeys(reading: ParsedName): string[] {
  const forms = new Set(familyForms(reading));
  const core = familyCoreTokens(reading.family);
  if (core.length > 1) for (const token of core) forms.add(token);
  return [...forms];
}

/**
 * Keys a record's author name is looked up by: each family form (with and without particles, each part
 * of a compound surname) with the first given initial, for every reading of the name. A name without a
 * given name looks up the `?` key, which every profile carries for its family forms.
 */
export function recordBlockingKeys(readings: ParsedName[]): string[] {
  const keys = new Set<string>();
  for (const reading of readings) {
    const initial = reading.given[0]?.value[0] ?? NO_GIVEN;
    for (const family of familyKeys(reading)) keys.add(`${family}:${initial}`);
  }
  return [...keys];
}

/**
 * Keys a profile name is indexed under: the record keys, plus the initials of listed equivalents of
 * the first given name (Bill → w for William) and the `?` key for records without given names.
 */
export function profileBlockingKeys(
  readings: ParsedName[],
  equivalences: GivenNameEquivalences = defaultGivenNameEquivalences(),
): string[] {
  const keys = new Set<string>();
  for (const reading of readings) {
    const first = reading.given[0];
    const initials = new Set<string>();
    if (first) {
      initials.add(first.value[0] ?? NO_GIVEN);
      if (!first.initial)
        for (const equivalent of equivalences.equivalentsOf(first.value)) initials.add(equivalent[0] ?? '');
    }
    initials.add(NO_GIVEN);
    for (const family of familyKeys(reading))
      for (const initial of initials) if (initial) keys.add(`${family}:${initial}`);
  }
  return [...keys];
}
