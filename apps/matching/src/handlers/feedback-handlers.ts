import { CanonicalWorkSummarySchema } from '@atlas/contracts';

import type { DecisionRecordedV1, EventData, EventEnvelope, WorkConfirmedV1 } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';
import type { AuthorSummary, RecordSummary } from '@atlas/matching-core';

import { saveConfirmedWork, saveDecisionKeys } from '../repositories/feedback.repository';
import { lockProfileVersion } from '../repositories/profile.repository';
import { findRecord } from '../repositories/record.repository';
import { reindexAndRescore } from '../services/profile-rematch';
import { resolveContent } from '../services/work-content';

import type { HandlerContext } from './handler-context';

type DecisionData = EventData<typeof DecisionRecordedV1>;

const CONFIRMED = new Set(['confirmed', 'auto_confirmed']);
const REJECTED = new Set(['rejected', 'auto_rejected']);

function fullName(author: AuthorSummary): string {
  return author.name.full ?? [author.name.given, author.name.family].filter(Boolean).join(' ');
}

function coauthorsOf(record: RecordSummary, position: number): string[] {
  return record.authors
    .filter((author) => author.position !== position)
    .map(fullName)
    .filter(Boolean);
}

/** Similarity keys of the decided position: the record's (venue) and the author's source ids. */
function similarityKeys(record: RecordSummary, position: number): string[] {
  const author = record.authors.find((candidate) => candidate.position === position);
  return [...record.similarityKeys, ...(author?.sourceAuthorIds ?? [])];
}

async function learnFromDecision(
  tx: SqlExecutor,
  data: DecisionData,
  record: RecordSummary,
): Promise<boolean> {
  const keys = similarityKeys(record, data.authorPosition);
  if (REJECTED.has(data.resultingStatus)) {
    await saveDecisionKeys(tx, data.profileId, keys, 'rejected');
    return true;
  }
  if (!CONFIRMED.has(data.resultingStatus)) return false;
  await saveDecisionKeys(tx, data.profileId, keys, 'confirmed');
  await saveConfirmedWork(tx, data.profileId, data.workId ?? `record:${record.source}:${record.sourceId}`, {
    coauthors: coauthorsOf(record, data.authorPosition),
    topics: record.topics,
    year: record.year,
  });
  return true;
}

/**
 * Learns from a confirmation or rejection: the decided record's similarity keys become the earlier
 * decisions signal, a confirmation adds its co-authors, topics and year, and the profile's pending
 * pairs are re-scored. Other acts (snooze, delegate, uncertain...) teach nothing.
 */
export async function applyDecisionRecorded(
  event: EventEnvelope<DecisionData>,
  tx: SqlExecutor,
  context: HandlerContext,
): Promise<void> {
  const { record } = event.data;
  // The profile is locked first, as every re-indexing of it does. The decided record is only read:
  // re-scoring locks records in one global order, and locking this one ahead of that order would let
  // two feedback transactions wait on each other.
  await lockProfileVersion(tx, event.data.profileId);
  const stored = await findRecord(tx, record.source, record.sourceId);
  // NOTE: a decision on a record this service never stored cannot be summarised and teaches nothing.
  if (!stored) return;
  if (!(await learnFromDecision(tx, event.data, stored.summary))) return;
  await reindexAndRescore(tx, event.data.profileId, 'feedback', context.settings);
}

/** Adds the co-authors and year of a confirmed canonical work to the profile, then re-scores its pending pairs. */
export async function applyWorkConfirmed(
  event: EventEnvelope<EventData<typeof WorkConfirmedV1>>,
  tx: SqlExecutor,
  context: HandlerContext,
): Promise<void> {
  const { profileId, workId, authorPosition } = event.data;
  const work = await resolveContent(event.data.work, CanonicalWorkSummarySchema, context.fetchPayload);
  await lockProfileVersion(tx, profileId);
  const coauthors = work.authors
    .filter((author) => author.position !== authorPosition)
    .map((author) => author.name);
  const saved = await saveConfirmedWork(tx, profileId, workId, { coauthors, year: work.publicationYear });
  if (saved) await reindexAndRescore(tx, profileId, 'feedback', context.settings);
}
