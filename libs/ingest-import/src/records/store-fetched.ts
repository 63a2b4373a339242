import type { PoolClient } from 'pg';

import type { RecordItem } from '@atlas/source-parsers';

import { copyRows } from '../copy/copy-text';
import type { CopyValue } from '../copy/copy-text';
import { MERGE_LOCK_KEY, mergeRecords } from './merge-records';
import { OUTBOX_COLUMNS, changeEventRow, removedEventRow } from './record-events';
import type { EventOrigin } from './record-events';
import { recordKey, stageRecord } from './staged-record';

/** What storing one page of fetched records did. */
export interface FetchedOutcome {
  /** Records new to the system (or back after a removal). */
  inserted: number;
  /** Records whose new copy replaced their latest version. */
  updated: number;
  /** Records equal to, or ranking below, their latest version. */
  unchanged: number;
}

/**
 * Stores records fetched from a source API inside the caller's transaction, the way an import stores
 * a batch: new content becomes a version, a copy ranking above the latest version replaces it, and
 * each replacement writes its stored or updated event to the outbox. A record listed twice in the
 * page is stored once (the last copy).
 */
export async function storeFetchedRecords(
  client: PoolClient,
  items: readonly RecordItem[],
  origin: EventOrigin,
  runId: string,
): Promise<FetchedOutcome> {
  const unique = new Map<string, RecordItem>();
  for (const item of items) unique.set(recordKey(item), item);
  const fetchedAt = new Date().toISOString();
  const staged = [...unique.values()].map((item) => stageRecord(item, fetchedAt));
  if (staged.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };

  const merged = await mergeRecords(client, staged, runId, []);
  const rows: CopyValue[][] = [];
  let inserted = 0;
  for (const entry of merged) {
    if (entry.isNew) inserted += 1;
    const row = changeEventRow(staged[entry.ordinal]!, entry, origin);
    if (row) rows.push(row);
  }
  if (rows.length > 0) await copyRows(client, 'outbox_events', OUTBOX_COLUMNS, rows);
  return { inserted, updated: merged.length - inserted, unchanged: staged.length - merged.length };
}

const MARK_REMOVED = `
UPDATE raw_record_heads h
SET removed_at = now(), version = h.version + 1, updated_at = now()
WHERE h.source = $1 AND h.source_id = ANY($2::text[]) AND h.removed_at IS NULL
RETURNING h.source, h.source_id, h.entity_type, h.raw_record_id, h.version, h.removed_at`;

interface RemovedRow {
  source: string;
  source_id: string;
  entity_type: string;
  raw_record_id: string;
  version: number;
  removed_at: Date;
}

/**
 * Marks the latest versions of records a source no longer has as removed, inside the caller's
 * transaction, with one removed event per work. Every stored version stays. Returns the source ids
 * marked now; ids already marked, or never stored, are skipped.
 */
export async function markRecordsRemoved(
  client: PoolClient,
  source: string,
  sourceIds: readonly string[],
  origin: EventOrigin,
): Promise<string[]> {
  if (sourceIds.length === 0) return [];
  await client.query('SELECT pg_advisory_xact_lock($1)', [MERGE_LOCK_KEY]);
  const result = await client.query<RemovedRow>(MARK_REMOVED, [source, sourceIds]);
  const events = result.rows
    .filter((row) => row.entity_type === 'work')
    .map((row) =>
      removedEventRow(
        {
          source: row.source,
          sourceId: row.source_id,
          rawRecordId: row.raw_record_id,
          version: row.version,
          removedAt: row.removed_at.toISOString(),
        },
        origin,
      ),
    );
  if (events.length > 0) await copyRows(client, 'outbox_events', OUTBOX_COLUMNS, events);
  return result.rows.map((row) => row.source_id);
}
