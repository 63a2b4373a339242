import { createHash } from 'node:crypto';

import { RecordRemovedV1, RecordStoredV1, RecordUpdatedV1 } from '@atlas/contracts';
import { newId } from '@atlas/database';

import type { EventDefinition } from '@atlas/contracts';
import type { Static, TSchema } from 'typebox';

import type { CopyValue } from '../copy/copy-text';
import { materialChanges } from './material-fingerprint';
import type { MergedRecord } from './merge-records';
import type { StagedRecord } from './staged-record';

/** Header that names the event type, as the outbox relay expects it. */
const EVENT_TYPE_HEADER = 'Atlas-Event-Type';

/** Columns of `outbox_events` an import writes, in COPY order. */
export const OUTBOX_COLUMNS = ['id', 'subject', 'headers', 'payload'] as const;

/** Where a change came from: the import run or the synchronisation run that made it. */
export type EventOrigin = { importRunId: string } | { syncRunId: string };

/** Entity id of a source record's events: source and id, hashed when too long for the envelope. */
export function recordEntityId(source: string, sourceId: string): string {
  const key = `${source}:${sourceId}`;
  if (key.length <= 512) return key;
  return `${source}:sha256:${createHash('sha256').update(sourceId).digest('hex')}`;
}

/**
 * Builds the outbox row of one event. The works were validated against the work schema when they
 * were parsed, so the envelope is assembled here rather than validated again per record.
 */
function outboxRow<Data extends TSchema>(
  definition: EventDefinition<Data>,
  entityId: string,
  entityVersion: number,
  data: Static<Data>,
): CopyValue[] {
  const envelope = {
    id: newId(),
    type: definition.type,
    version: definition.version,
    source: definition.service,
    time: new Date().toISOString(),
    entityId,
    entityVersion,
    data,
  };
  const headers = { [EVENT_TYPE_HEADER]: definition.type };
  return [envelope.id, definition.subject, JSON.stringify(headers), JSON.stringify(envelope)];
}

/**
 * Builds the stored or updated event of a merged work record. The work travels inline: the outbox
 * relay moves message bodies above about 900 KB (a work with thousands of authors) into the object
 * store and consumers fetch them back, so the work always arrives whole.
 */
export function changeEventRow(
  staged: StagedRecord,
  merged: MergedRecord,
  origin: EventOrigin,
): CopyValue[] | undefined {
  const { item } = staged;
  if (!item.work) return undefined;
  // NOTE: author and person records are stored, but the record events carry a work, so they publish none.
  const record = {
    rawRecordId: merged.rawRecordId,
    source: item.source,
    sourceId: item.sourceId,
    checksum: item.checksum,
  };
  const work = { kind: 'inline' as const, value: item.work };
  const entityId = recordEntityId(item.source, item.sourceId);
  if (merged.isNew || !merged.previousRawRecordId) {
    return outboxRow(RecordStoredV1, entityId, merged.version, { record, work, origin });
  }
  const changes = materialChanges(merged.previousMaterial ?? {}, staged.material);
  return outboxRow(RecordUpdatedV1, entityId, merged.version, {
    record,
    previousRawRecordId: merged.previousRawRecordId,
    work,
    materialChanges: changes,
    origin,
  });
}

/** A latest version the source no longer has. */
export interface RemovedHead {
  source: string;
  sourceId: string;
  rawRecordId: string;
  version: number;
  removedAt: string;
}

/** Builds the removed event of a record the source no longer has. */
export function removedEventRow(head: RemovedHead, origin: EventOrigin): CopyValue[] {
  return outboxRow(RecordRemovedV1, recordEntityId(head.source, head.sourceId), head.version, {
    source: head.source as Static<typeof RecordRemovedV1.schema>['source'],
    sourceId: head.sourceId,
    lastRawRecordId: head.rawRecordId,
    removedAt: head.removedAt,
    origin,
  });
}
