import { createHash } from 'node:crypto';

import { summariseWork } from '@atlas/matching-core';

import { buildProfile } from './build-profile';
import { personClusters } from './person-clusters';

import type { Work } from '@atlas/contracts';
import type { ProfileSummary, RecordSummary } from '@atlas/matching-core';

import type { ProfileOrigin } from './build-profile';
import type { SourceAuthorProfile } from '@atlas/source-parsers';

/** Fold of a scored record: fitting weights, calibrating thresholds, or measuring. */
export type Fold = 'fit' | 'calibrate' | 'test';

/** One evaluation setting: profiles, records to score, and the truth. */
export interface EvaluationSplit {
  profiles: ProfileSummary[];
  records: { summary: RecordSummary; fold: Fold }[];
  /** `profileId|sourceId` of every true (profile, record) pair among the scored records. */
  truth: Set<string>;
  /** Origin of each profile, by profile id. */
  origins: Map<string, ProfileOrigin>;
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

function hideIdentifiers(summary: RecordSummary, withIdentifiers: boolean): RecordSummary {
  const authors = summary.authors.map((author) => {
    const copy = { ...author, sourceAuthorIds: [] as string[] };
    if (!withIdentifiers) delete copy.orcid;
    return copy;
  });
  return { ...summary, authors };
}

/**
 * Builds the fixed split. Each OpenAlex author with at least three works becomes a profile built
 * from the earlier half of their works (by year): from their author object when the corpus has one,
 * otherwise from the name forms, ORCID and institutions printed on those earlier works. Every other
 * work is scored against every profile.
 */
export function buildSplit(
  works: Work[],
  authors: Map<string, SourceAuthorProfile>,
  withIdentifiers: boolean,
): EvaluationSplit {
  const byAuthor = worksByAuthor(works);
  const profiles: ProfileSummary[] = [];
  const origins = new Map<string, ProfileOrigin>();
  const profileWorks = new Set<string>();
  for (const [id, authored] of [...byAuthor].sort((a, b) => a[0].localeCompare(b[0]))) {
    const own = [...authored].sort((a, b) => yearOf(a) - yearOf(b) || a.sourceId.localeCompare(b.sourceId));
    if (own.length < MIN_WORKS) continue;
    const earlier = own.slice(0, Math.floor(own.length / 2));
    for (const work of earlier) profileWorks.add(work.sourceId);
    const author = authors.get(id);
    const origin: ProfileOrigin = author ? 'author object' : 'earlier works';
    origins.set(id, origin);
    profiles.push(buildProfile(id, origin, author, earlier, withIdentifiers));
  }
  const profileIds = new Set(profiles.map((profile) => profile.profileId));
  const owners = personClusters(works, profileIds);
  const records: EvaluationSplit['records'] = [];
  const truth = new Set<string>();
  for (const work of works) {
    if (profileWorks.has(work.sourceId)) continue;
    const summary = summariseWork(work, { rawRecordId: work.sourceId, checksum: work.sourceId });
    records.push({ summary: hideIdentifiers(summary, withIdentifiers), fold: foldOf(work.sourceId) });
    for (const author of work.authors) {
      const id = author.sourceIds?.openalex;
      for (const owner of (id && owners.get(id)) || []) truth.add(`${owner}|${work.sourceId}`);
    }
  }
  return { profiles, records, truth, origins };
}
