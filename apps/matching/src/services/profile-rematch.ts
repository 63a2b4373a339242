import type { SqlExecutor } from '@atlas/database';

import { NO_FEEDBACK, profileKeys, profileSummaryOf } from '../domain/profile-summary';
import { loadFeedback } from '../repositories/feedback.repository';
import { loadProfileStates, replaceBlockingKeys } from '../repositories/profile.repository';
import { recordsPairedWith } from '../repositories/pair.repository';
import { lockRecord, recordsUnderKeys } from '../repositories/record.repository';
import { matchStoredRecord } from './record-matcher';

import type { MatchingSettings } from '../domain/matching-settings';
import type { MatchTrigger } from './record-matcher';

type RecordId = { source: string; source_id: string };

/** Counts of one re-scoring. */
export interface RescoreCounts {
  /** Live records scored again. */
  rescored: number;
  /** Records whose changed proposal list was published. */
  published: number;
}

function recordKey(record: RecordId): string {
  return `${record.source}|${record.source_id}`;
}

function compareKeys(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/** Re-scores stored live records and publishes the proposal lists that changed. */
export async function rescoreRecords(
  tx: SqlExecutor,
  records: RecordId[],
  trigger: MatchTrigger,
  settings: MatchingSettings,
): Promise<RescoreCounts> {
  const seen = new Set<string>();
  const counts: RescoreCounts = { rescored: 0, published: 0 };
  // Every re-scoring locks its records in one global order, so two of them sharing records never
  // wait on each other in a cycle.
  const ordered = [...records].sort((left, right) => compareKeys(recordKey(left), recordKey(right)));
  for (const { source, source_id: sourceId } of ordered) {
    if (seen.has(`${source}|${sourceId}`)) continue;
    seen.add(`${source}|${sourceId}`);
    const stored = await lockRecord(tx, source, sourceId);
    if (!stored || stored.removed) continue;
    counts.rescored += 1;
    if (await matchStoredRecord(tx, stored.summary, stored, trigger, settings)) counts.published += 1;
  }
  return counts;
}

/** The matching summary of a profile as the read model stores it now, or undefined when it is unknown. */
export async function currentProfileSummary(tx: SqlExecutor, profileId: string) {
  const [state] = await loadProfileStates(tx, [profileId]);
  if (!state) return undefined;
  const feedback = await loadFeedback(tx, [profileId]);
  return profileSummaryOf(state, feedback.get(profileId) ?? NO_FEEDBACK);
}

/**
 * Re-indexes a profile after its read model changed, then re-scores only the records it affects:
 * those sharing a blocking key it did not have before, and those with a pending pair for it.
 */
export async function reindexAndRescore(
  tx: SqlExecutor,
  profileId: string,
  trigger: MatchTrigger,
  settings: MatchingSettings,
): Promise<RescoreCounts> {
  const summary = await currentProfileSummary(tx, profileId);
  if (!summary) return { rescored: 0, published: 0 };
  const added = await replaceBlockingKeys(tx, profileId, profileKeys(summary));
  const affected = [...(await recordsUnderKeys(tx, added)), ...(await recordsPairedWith(tx, profileId))];
  return rescoreRecords(tx, affected, trigger, settings);
}

/** Re-scores every live record sharing any of the profile's blocking keys (a full re-match). */
export async function rescoreAllBlocked(
  tx: SqlExecutor,
  profileId: string,
  settings: MatchingSettings,
): Promise<RescoreCounts | undefined> {
  const summary = await currentProfileSummary(tx, profileId);
  if (!summary) return undefined;
  const records = await recordsUnderKeys(tx, profileKeys(summary));
  return rescoreRecords(tx, records, 'rematch', settings);
}
