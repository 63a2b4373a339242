import { CandidatesProposedV1 } from '@atlas/contracts';
import { matchRecord, prepareProfile } from '@atlas/matching-core';
import { appendEvent } from '@atlas/messaging';

import type { EventData, Source } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';
import type { AuthorSummary, PreparedProfile, RecordMatch, RecordSummary } from '@atlas/matching-core';

import { proposalDigest } from '../domain/proposal-digest';
import { NO_FEEDBACK, profileSummaryOf } from '../domain/profile-summary';
import { positionKeys } from '../domain/record-keys';
import { loadFeedback } from '../repositories/feedback.repository';
import { loadProfileStates, profilesUnderKeys } from '../repositories/profile.repository';
import { replacePairs } from '../repositories/pair.repository';
import { saveProposalVersion } from '../repositories/record.repository';
import { recordScoring } from './matching-metrics';

import type { MatchingSettings } from '../domain/matching-settings';
import type { StoredRecord } from '../repositories/record.repository';

/** Cause of a scoring, as the proposal event states it. */
export type MatchTrigger = EventData<typeof CandidatesProposedV1>['trigger'];

/** Loads and prepares every profile the blocking index finds for any position of the record. */
async function candidateProfiles(
  tx: SqlExecutor,
  record: RecordSummary,
): Promise<(author: AuthorSummary) => PreparedProfile[]> {
  const keysOf = new Map(record.authors.map((author) => [author.position, positionKeys(record, author)]));
  const indexed = await profilesUnderKeys(tx, [...new Set([...keysOf.values()].flat())]);
  const idsByKey = new Map<string, string[]>();
  for (const row of indexed)
    idsByKey.set(row.blocking_key, [...(idsByKey.get(row.blocking_key) ?? []), row.profile_id]);

  const ids = [...new Set(indexed.map((row) => row.profile_id))];
  const feedback = await loadFeedback(tx, ids);
  const prepared = new Map(
    (await loadProfileStates(tx, ids)).map((state) => [
      state.profileId,
      prepareProfile(profileSummaryOf(state, feedback.get(state.profileId) ?? NO_FEEDBACK)),
    ]),
  );
  return (author) => {
    const found = new Set((keysOf.get(author.position) ?? []).flatMap((key) => idsByKey.get(key) ?? []));
    return [...found].flatMap((id) => prepared.get(id) ?? []);
  };
}

async function publish(
  tx: SqlExecutor,
  record: RecordSummary,
  match: RecordMatch,
  trigger: MatchTrigger,
  version: number,
  settings: MatchingSettings,
): Promise<void> {
  await appendEvent(tx, 'matching', CandidatesProposedV1, {
    entityId: `${record.source}:${record.sourceId}`,
    entityVersion: version,
    data: {
      record: {
        rawRecordId: record.rawRecordId,
        source: record.source as Source,
        sourceId: record.sourceId,
        checksum: record.checksum,
      },
      matcherVersion: settings.matcherVersion,
      trigger,
      proposals: match.proposals,
    },
  });
}

/**
 * Scores a stored record against the profiles its positions block with, keeps the pairs at or above
 * auto-reject, and publishes all its proposals in one event when the list differs from the last one
 * sent. A record never proposed before publishes nothing while it has no proposal. Returns whether
 * an event was published.
 */
export async function matchStoredRecord(
  tx: SqlExecutor,
  record: RecordSummary,
  stored: Pick<StoredRecord, 'proposalsDigest' | 'proposalVersion'>,
  trigger: MatchTrigger,
  settings: MatchingSettings,
): Promise<boolean> {
  const started = performance.now();
  const candidatesFor = await candidateProfiles(tx, record);
  const match = matchRecord(record, candidatesFor, settings.model, settings.thresholds);
  const scoringSeconds = (performance.now() - started) / 1_000;
  const digest = proposalDigest(record.rawRecordId, match.proposals);
  const changed =
    stored.proposalsDigest === null ? match.proposals.length > 0 : digest !== stored.proposalsDigest;
  const version = changed ? stored.proposalVersion + 1 : stored.proposalVersion;
  if (changed) {
    await publish(tx, record, match, trigger, version, settings);
    await saveProposalVersion(tx, record, digest, version);
  }
  recordScoring(match, scoringSeconds, trigger, changed);

  const proposed = new Set(match.proposals.map((p) => `${p.authorPosition}|${p.profileId}`));
  const versions = new Map<string, number>();
  for (const author of record.authors)
    for (const profile of candidatesFor(author))
      versions.set(profile.summary.profileId, profile.summary.version);
  const kept = match.pairs
    .filter((pair) => pair.score >= settings.thresholds.autoReject)
    .map((pair) => ({
      pair,
      profileVersion: versions.get(pair.profileId) ?? 0,
      proposalVersion:
        proposed.has(`${pair.authorPosition}|${pair.profileId}`) && version > 0 ? version : null,
    }));
  await replacePairs(tx, record, kept);
  return changed;
}
