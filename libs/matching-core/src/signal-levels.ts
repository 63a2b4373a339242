import { compareParsedNames, compareWithVariants, familyKeys } from '@atlas/name-matching';

import { recordNameReadings } from './parsed-names';
import { foldInstitution } from './prepare-profile';

import type { NameComparison, NameMatchLevel } from '@atlas/name-matching';
import type { MatchSignal } from '@atlas/contracts';

import type { AuthorSummary, PreparedProfile, RecordSummary } from './match-inputs';

/** The level each signal took for one (record position, profile) pair, with what it saw. */
export type SignalObservation = { signal: MatchSignal; level: string; detail: string };

/** Observations of one pair, and the name comparison the rules need. */
export interface PairObservations {
  observations: SignalObservation[];
  name: NameComparison;
}

function orcidObservation(
  author: AuthorSummary,
  profile: PreparedProfile,
  name: NameMatchLevel,
): SignalObservation {
  if (profile.orcids.size === 0) return { signal: 'orcid', level: 'unknown', detail: 'profile has no ORCID' };
  if (!author.orcid) return { signal: 'orcid', level: 'absent', detail: 'position carries no ORCID' };
  if (!profile.orcids.has(author.orcid)) {
    return {
      signal: 'orcid_mismatch',
      level: 'different',
      detail: `position carries another ORCID ${author.orcid}`,
    };
  }
  // An identifier on a name that shares nothing with the profile's names is suspect, not proof.
  if (name === 'unrelated')
    return {
      signal: 'orcid',
      level: 'equal_name_unrelated',
      detail: `ORCID ${author.orcid} on an unrelated name`,
    };
  return { signal: 'orcid', level: 'equal', detail: `ORCID ${author.orcid} on both sides` };
}

function ruleObservation(
  record: RecordSummary,
  profile: PreparedProfile,
  author: AuthorSummary,
): SignalObservation | undefined {
  const keys = [
    ...record.identifiers,
    ...author.sourceAuthorIds,
    ...(author.orcid ? [`orcid:${author.orcid}`] : []),
  ];
  const excluded = keys.find((key) => profile.rules.get(key) === 'exclude');
  if (excluded) return { signal: 'identifier_rule', level: 'exclude', detail: `rule excludes ${excluded}` };
  const included = keys.find((key) => profile.rules.get(key) === 'include');
  return included
    ? { signal: 'identifier_rule', level: 'include', detail: `rule includes ${included}` }
    : undefined;
}

function sourceIdObservation(author: AuthorSummary, profile: PreparedProfile): SignalObservation | undefined {
  const shared = author.sourceAuthorIds.find((id) => profile.sourceAuthorIds.has(id));
  return shared
    ? { signal: 'source_author_id', level: 'equal', detail: `author id ${shared} on both sides` }
    : undefined;
}

function emailObservation(author: AuthorSummary, profile: PreparedProfile): SignalObservation | undefined {
  if (!author.email || !profile.emails.has(author.email.toLowerCase())) return undefined;
  return { signal: 'email', level: 'equal', detail: 'e-mail address on both sides' };
}

function affiliationObservation(author: AuthorSummary, profile: PreparedProfile): SignalObservation {
  const ror = author.affiliations.find(
    (affiliation) => affiliation.rorId && profile.rorIds.has(affiliation.rorId),
  );
  if (ror?.rorId)
    return { signal: 'affiliation_ror', level: 'equal', detail: `ROR ${ror.rorId} on both sides` };
  const names = author.affiliations.flatMap((affiliation) =>
    affiliation.name ? [foldInstitution(affiliation.name)] : [],
  );
  const named = names.find((name) =>
    profile.affiliationNames.some((known) => known === name || (known.length > 8 && name.includes(known))),
  );
  if (named) return { signal: 'affiliation_name', level: 'similar', detail: `institution ${named}` };
  const known = author.affiliations.length > 0 && profile.affiliationNames.length > 0;
  return {
    signal: 'affiliation_ror',
    level: known ? 'different' : 'unknown',
    detail: known ? 'no shared institution' : 'no affiliation to compare',
  };
}

function coauthorObservation(
  record: RecordSummary,
  author: AuthorSummary,
  profile: PreparedProfile,
): SignalObservation {
  if (profile.coauthorNames.length === 0)
    return { signal: 'coauthors', level: 'unknown', detail: 'no confirmed co-authors' };
  let shared = 0;
  for (const other of record.authors) {
    if (other.position === author.position) continue;
    const readings = recordNameReadings(other.name);
    const candidates = new Set(
      familyKeys(readings).flatMap((key) => profile.coauthorsByFamilyKey.get(key) ?? []),
    );
    const known = [...candidates].some((index) =>
      ['exact', 'compatible', 'initials'].includes(
        compareParsedNames(readings, profile.coauthorNames[index]!).level,
      ),
    );
    if (known) shared += 1;
    if (shared >= 3) break;
  }
  const level = overlapLevel(shared);
  return { signal: 'coauthors', level, detail: `${shared} co-author(s) of confirmed works` };
}

/** Level of an overlap count: none, one, or several shared items. */
function overlapLevel(shared: number): 'none' | 'one' | 'several' {
  if (shared === 0) return 'none';
  return shared === 1 ? 'one' : 'several';
}

function topicObservation(record: RecordSummary, profile: PreparedProfile): SignalObservation {
  if (profile.topics.size === 0 || record.topics.length === 0)
    return { signal: 'topics', level: 'unknown', detail: 'no topics to compare' };
  const shared = record.topics.filter((topic) => profile.topics.has(topic)).length;
  const level = overlapLevel(shared);
  return { signal: 'topics', level, detail: `${shared} topic(s) shared` };
}

function timeObservation(record: RecordSummary, profile: PreparedProfile): SignalObservation {
  const years = profile.summary.activeYears;
  if (!years || !record.year)
    return { signal: 'time_consistency', level: 'unknown', detail: 'no years to compare' };
  const gap = record.year < years.first ? years.first - record.year : Math.max(0, record.year - years.last);
  let level = 'far';
  if (gap === 0) level = 'inside';
  else if (gap <= 5) level = 'near';
  return { signal: 'time_consistency', level, detail: `${record.year} against ${years.first}-${years.last}` };
}

function decisionObservation(
  record: RecordSummary,
  author: AuthorSummary,
  profile: PreparedProfile,
): SignalObservation | undefined {
  const keys = [...record.similarityKeys, ...author.sourceAuthorIds];
  if (keys.some((key) => profile.rejectedKeys.has(key)))
    return {
      signal: 'earlier_decisions',
      level: 'rejected_similar',
      detail: 'a similar record was rejected',
    };
  if (keys.some((key) => profile.confirmedKeys.has(key)))
    return {
      signal: 'earlier_decisions',
      level: 'confirmed_similar',
      detail: 'a similar record was confirmed',
    };
  return undefined;
}

/** Observes every signal for one author position of a record against one profile. */
export function observePair(
  record: RecordSummary,
  author: AuthorSummary,
  profile: PreparedProfile,
): PairObservations {
  const name = compareWithVariants(recordNameReadings(author.name), profile.names);
  const observations: SignalObservation[] = [
    orcidObservation(author, profile, name.level),
    { signal: 'name', level: name.level, detail: name.detail },
    affiliationObservation(author, profile),
    coauthorObservation(record, author, profile),
    topicObservation(record, profile),
    timeObservation(record, profile),
  ];
  for (const optional of [
    ruleObservation(record, profile, author),
    sourceIdObservation(author, profile),
    emailObservation(author, profile),
    decisionObservation(record, author, profile),
  ]) {
    if (optional) observations.push(optional);
  }
  return { observations, name };
}
