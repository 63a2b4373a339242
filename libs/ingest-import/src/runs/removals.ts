import type { PoolClient } from 'pg';

import { copyRows } from '../copy/copy-text';
import { MERGE_LOCK_KEY } from '../records/merge-records';
import { OUTBOX_COLUMNS, removedEventRow } from '../records/record-events';
import { addRunCounts } from './import-run.repository';
import { emptyCounts } from './import-run.types';

const REMOVAL_BATCH = 5_000;

// Latest versions of the source that this run did not see: the source no longer has them.
const MARK_REMOVED = `
WITH gone AS (
  SELECT source, source_id FROM raw_record_heads
  WHERE source = $2 AND removed_at IS NULL AND seen_run_id IS DISTINCT FROM $1
  ORDER BY source_id LIMIT $3
)
UPDATE raw_record_heads h
SET removed_at = now(), version = h.version + 1, updated_at = now()
FROM gone WHERE h.source = gone.source AND h.source_id = gone.source_id
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
 * Marks every latest version of a source that a complete snapshot import did not see as removed,
 * with one removed event each, in transactions of a few thousand. Returns how many were removed.
 */
export async function markUnseenRemoved(client: PoolClient, runId: string, source: string): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = await removeBatch(client, runId, source);
    total += removed;
    if (removed < REMOVAL_BATCH) return total;
  }
}

async function removeBatch(client: PoolClient, runId: string, source: string): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MERGE_LOCK_KEY]);
    const result = await client.query<RemovedRow>(MARK_REMOVED, [runId, source, REMOVAL_BATCH]);
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
          { importRunId: runId },
        ),
      );
    if (events.length > 0) await copyRows(client, 'outbox_events', OUTBOX_COLUMNS, events);
    await addRunCounts(client, runId, { ...emptyCounts(), removed: result.rows.length });
    await client.query('COMMIT');
    return result.rows.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
