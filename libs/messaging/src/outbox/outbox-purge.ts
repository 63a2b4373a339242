import type { SqlExecutor } from '@atlas/database';

import { qualifiedTable } from '../sql-identifiers';

// Deleting in slices keeps each statement's locks and WAL burst small on a busy table.
const PURGE_SLICE_ROWS = 5_000;

async function deleteInSlices(executor: SqlExecutor, sql: string, params: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await executor.query(sql, params);
    total += rowCount;
    if (rowCount < PURGE_SLICE_ROWS) return total;
  }
}

/** Deletes outbox rows sent more than `olderThanSeconds` ago; returns how many were deleted. */
export function purgeSentOutboxEvents(
  executor: SqlExecutor,
  schema: string,
  olderThanSeconds: number,
): Promise<number> {
  const table = qualifiedTable(schema, 'outbox_events');
  return deleteInSlices(
    executor,
    `DELETE FROM ${table} WHERE id IN (
       SELECT id FROM ${table}
       WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(secs => $1)
       LIMIT ${PURGE_SLICE_ROWS})`,
    [olderThanSeconds],
  );
}

/** Deletes inbox rows received more than `olderThanSeconds` ago; returns how many were deleted. */
export function purgeInboxEvents(
  executor: SqlExecutor,
  schema: string,
  olderThanSeconds: number,
): Promise<number> {
  const table = qualifiedTable(schema, 'inbox_events');
  return deleteInSlices(
    executor,
    `DELETE FROM ${table} WHERE (consumer, event_id) IN (
       SELECT consumer, event_id FROM ${table}
       WHERE received_at < now() - make_interval(secs => $1)
       LIMIT ${PURGE_SLICE_ROWS})`,
    [olderThanSeconds],
  );
}
