import { createHash } from 'node:crypto';

import { summariseWork, topicKeys } from '@atlas/matching-core';

import type { Work } from '@atlas/contracts';
import type { ProfileSummary, RecordSummary } from '@atlas/matching-core';
import type { SourceAuthorProfile } from '@atlas/source-parsers';

/** Fold of a scored record: fitting weights, calibrating thresholds, or measuring. */
export type Fold = 'fit' | 'calibrate' | 'test';

/** One evaluation setting: profiles, records to score, and the truth. */
export interface EvaluationSplit {
  profiles: ProfileSummary[];
  records: { summary: RecordSummary; fold: Fold }[];
  /** `profileId|sourceId` of every true (profile, record) pair among the scored records. */
  truth: Set<string>;
}

/** Authors with at least this many works become profiles. */
const MIN_WORKS = 3;

/** Fixed fold of a record, from a hash of its id, so every run splits the same way. */
export function foldOf(sourceId: string): Fold {
  const byte = createHash('sha256').update(sourceId).digest()[0] ?? 0;
  const folds: Fold[] = ['fit', 'calibrate', 'test'];
  return folds[byte % 3]!;
}

function yearOf(work: Work): number {
  return work.publicationYear ?? 0;
}

function worksByAuthor(works: Work[]): Map<string, Work[]> {
  const byAuthor = new Map<string, Work[]>();
  for (const work of works) {
    for (const author of work.authors) {
      const id = author.sourceIds?.openalex;
      if (id) byAuthor.set(id, [...(byAuthor.get(id) ?? []), work]);
    }
  }
  return byAuthor;
}

function buildProfile(
  author: SourceAuthorProfile,
  earlier: Work[],
  withIdentifiers: boolean,
): ProfileSummary {
  const id = author.openalexId as string;
  const coauthors = earlier.flatMap((work) =>
    work.authors.filter((a) => a.sourceIds?.openalex !== id).map((a) => a.rawName),
  );
  const years = earlier.map(yearOf).filter((year) => year > 0);
  return {
    profileId: id,
    version: 1,
    names: [author.displayName, ...author.alternativeNames].flatMap((full) => (full ? [{ full }] : [])),
    orcids: withIdentifiers && author.orcid ? [author.orcid] : [],
    emails: [],
    // The OpenAlex author id is the truth label, so it is never shown to the matcher.
    sourceAuthorIds: [],
    affiliations: author.affiliations.flatMap((a) =>
      a.institutionName ? [{ name: a.institutionName, rorId: a.rorId }] : [],
    ),
    coauthors: [...new Set(coauthors)].slice(0, 300),
    topics: [...new Set(earlier.flatMap((work) => topicKeys(work)))].slice(0, 100),
    activeYears: years.length > 0 ? { first: Math.min(...years), last: Math.max(...years) } : undefined,
    rules: [],
    decisionKeys: { confirmed: [], rejected: [] },
  };
}

function hideIdentifiers(summary: RecordSummary, withIdentifiers: boolean): RecordSummary {
  const authors = summary.authors.map((author) => {
    const copy = { ...author, sourceAuthorIds: [] as string[] };
    if (!withIdentifiers) delete copy.orcid;
    return copy;
  });
  return { ...summary, authors };
}

/**
 * Builds the fixed split: each author object with at least three works becomes a profile built from
 * the earlier half of their works (by year); every other work is scored against every profile.
 */
export function buildSplit(
  works: Work[],
  authors: Map<string, SourceAuthorProfile>,
  withIdentifiers: boolean,
): EvaluationSplit {
  const byAuthor = worksByAuthor(works);
  const profiles: ProfileSummary[] = [];
  const profileWorks = new Set<string>();
  for (const [id, author] of authors) {
    const own = [...(byAuthor.get(id) ?? [])].sort(
      (a, b) => yearOf(a) - yearOf(b) || a.sourceId.localeCompare(b.sourceId),
    );
    if (own.length < MIN_WORKS) continue;
    const earlier = own.slice(0, Math.floor(own.length / 2));
    for (const work of earlier) profileWorks.add(work.sourceId);
    profiles.push(buildProfile(author, earlier, withIdentifiers));
  }
  const profileIds = new Set(profiles.map((profile) => profile.profileId));
  const records: EvaluationSplit['records'] = [];
  const truth = new Set<string>();
  for (const work of works) {
    if (profileWorks.has(work.sourceId)) continue;
    const summary = summariseWork(work, { rawRecordId: work.sourceId, checksum: work.sourceId });
    records.push({ summary: hideIdentifiers(summary, withIdentifiers), fold: foldOf(work.sourceId) });
    for (const author of work.authors) {
      const id = author.sourceIds?.openalex;
      if (id && profileIds.has(id)) truth.add(`${id}|${work.sourceId}`);
    }
  }
  return { profiles, records, truth };
}
