import { newId } from '@atlas/database';
import type { RecordItem } from '@atlas/source-parsers';

import type { CopyValue } from '../copy/copy-text';
import { materialFingerprint } from './material-fingerprint';
import type { MaterialFingerprint } from './material-fingerprint';
import { sourceRevisedAt } from './record-revision';

/** What a batch keeps of a parsed record: the raw object and the author profile are dropped once serialised. */
export type StagedItem = Pick<
  RecordItem,
  'source' | 'sourceId' | 'entityType' | 'checksum' | 'work' | 'location'
>;

/** A record read from a file, ready for the staging table. */
export interface StagedRecord {
  /** Raw record id the row gets if its content is new. */
  id: string;
  item: StagedItem;
  material: MaterialFingerprint;
  /** Serialised raw record; its length bounds the memory a batch holds. */
  dataJson: string;
  fetchedAt: string;
  /** When the source revised this copy, when the record says so. */
  revisedAt: string | null;
}

/** Columns of the staging table, in COPY order. */
export const STAGING_COLUMNS = [
  'ordinal',
  'id',
  'source',
  'source_id',
  'entity_type',
  'data',
  'fetched_at',
  'checksum',
  'doi',
  'material',
  'revised_at',
  'content_size',
] as const;

/** Prepares a record read from a file for staging; `importedAt` is used when the file gives no fetch time. */
export function stageRecord(item: RecordItem, importedAt: string): StagedRecord {
  const { source, sourceId, entityType, checksum, work, location } = item;
  return {
    id: newId(),
    item: { source, sourceId, entityType, checksum, location, ...(work ? { work } : {}) },
    material: materialFingerprint(work),
    dataJson: JSON.stringify(item.raw),
    fetchedAt: item.fetchedAt ?? importedAt,
    revisedAt: sourceRevisedAt(source, item.raw),
  };
}

/** The COPY row of a staged record at a position of its batch. */
export function stagingRow(record: StagedRecord, ordinal: number): CopyValue[] {
  const { item } = record;
  return [
    ordinal,
    record.id,
    item.source,
    item.sourceId,
    item.entityType,
    record.dataJson,
    record.fetchedAt,
    item.checksum,
    item.work?.identifiers.doi ?? null,
    JSON.stringify(record.material),
    record.revisedAt,
    record.dataJson.length,
  ];
}

/** Key of a source record: source and id inside it. */
export function recordKey(item: Pick<RecordItem, 'source' | 'sourceId'>): string {
  return `${item.source}:${item.sourceId}`;
}
