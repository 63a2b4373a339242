import { newId } from '@atlas/database';
import type { RecordItem } from '@atlas/source-parsers';

import type { CopyValue } from '../copy/copy-text';
import { materialFingerprint } from './material-fingerprint';
import type { MaterialFingerprint } from './material-fingerprint';

/** A record read from a file, ready for the staging table. */
export interface StagedRecord {
  /** Raw record id the row gets if its content is new. */
  id: string;
  item: RecordItem;
  material: MaterialFingerprint;
  /** Serialised raw record; its length bounds the memory a batch holds. */
  dataJson: string;
  fetchedAt: string;
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
] as const;

/** Prepares a record read from a file for staging; `importedAt` is used when the file gives no fetch time. */
export function stageRecord(item: RecordItem, importedAt: string): StagedRecord {
  return {
    id: newId(),
    item,
    material: materialFingerprint(item.work),
    dataJson: JSON.stringify(item.raw),
    fetchedAt: item.fetchedAt ?? importedAt,
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
  ];
}

/** Key of a source record: source and id inside it. */
export function recordKey(item: Pick<RecordItem, 'source' | 'sourceId'>): string {
  return `${item.source}:${item.sourceId}`;
}
