import { WorkSchema } from '@atlas/contracts';
import { summariseWork } from '@atlas/matching-core';

import type {
  EventData,
  EventEnvelope,
  RecordRemovedV1,
  RecordStoredV1,
  RecordUpdatedV1,
} from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import { recordKeys } from '../domain/record-keys';
import { lockRecord, markRecordRemoved, saveRecord } from '../repositories/record.repository';
import { matchStoredRecord } from '../services/record-matcher';
import { resolveContent } from '../services/work-content';

import type { HandlerContext } from './handler-context';

type RecordVersionData = EventData<typeof RecordStoredV1> | EventData<typeof RecordUpdatedV1>;

/**
 * Stores the matching summary of a record version, blocks and scores each author position, and
 * publishes its proposals. Raw record ids are UUIDv7, ordered by time, so a version older than the
 * stored one, or the same one again, changes nothing.
 */
export async function applyRecordVersion(
  event: EventEnvelope<RecordVersionData>,
  tx: SqlExecutor,
  context: HandlerContext,
): Promise<void> {
  const { record } = event.data;
  const stored = await lockRecord(tx, record.source, record.sourceId);
  if (stored && stored.summary.rawRecordId >= record.rawRecordId) {
    context.log.info(
      { eventId: event.id, rawRecordId: record.rawRecordId },
      'record version already held; ignored',
    );
    return;
  }

  const work = await resolveContent(event.data.work, WorkSchema, context.fetchPayload);
  const summary = {
    ...summariseWork(work, { rawRecordId: record.rawRecordId, checksum: record.checksum }),
    source: record.source,
    sourceId: record.sourceId,
  };
  await saveRecord(tx, summary, recordKeys(summary));
  await matchStoredRecord(
    tx,
    summary,
    stored ?? { proposalsDigest: null, proposalVersion: 0 },
    'record',
    context.settings,
  );
}

/** Marks a record the source no longer has as removed; nothing is proposed for it any more. */
export async function applyRecordRemoved(
  event: EventEnvelope<EventData<typeof RecordRemovedV1>>,
  tx: SqlExecutor,
): Promise<void> {
  await markRecordRemoved(tx, event.data.source, event.data.sourceId);
}
