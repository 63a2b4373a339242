import { familyKeys, foldText, parseName } from '@atlas/name-matching';

import type { ParsedName } from '@atlas/name-matching';

import type { PreparedProfile, ProfileSummary } from './match-inputs';

/** Folds an institution name for comparison (`Université de Lyon` → `universite de lyon`). */
export function foldInstitution(name: string): string {
  return foldText(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function indexByFamilyKey(names: ParsedName[][]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  names.forEach((readings, position) => {
    for (const key of familyKeys(readings)) index.set(key, [...(index.get(key) ?? []), position]);
  });
  return index;
}

/** Parses a profile's names and indexes its lists once, before it is compared with many records. */
export function prepareProfile(summary: ProfileSummary): PreparedProfile {
  const coauthorNames = summary.coauthors
    .map((full) => parseName({ full }))
    .filter((readings) => readings.length > 0);
  return {
    summary,
    names: summary.names.map((name) => parseName(name)).filter((readings) => readings.length > 0),
    coauthorNames,
    coauthorsByFamilyKey: indexByFamilyKey(coauthorNames),
    orcids: new Set(summary.orcids),
    emails: new Set(summary.emails.map((email) => email.toLowerCase())),
    sourceAuthorIds: new Set(summary.sourceAuthorIds),
    rorIds: new Set(
      summary.affiliations.flatMap((affiliation) => (affiliation.rorId ? [affiliation.rorId] : [])),
    ),
    affiliationNames: summary.affiliations.map((affiliation) => foldInstitution(affiliation.name)),
    topics: new Set(summary.topics),
    rules: new Map(summary.rules.map((rule) => [rule.identifier, rule.effect])),
    confirmedKeys: new Set(summary.decisionKeys.confirmed),
    rejectedKeys: new Set(summary.decisionKeys.rejected),
  };
}
