import type { EventEnvelope } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import type { Pool } from 'pg';

import { pgExecutor } from '@atlas/database';
import { qualifiedTable } from '../sql-identifiers';

/** Applies one event's effect; runs inside the transaction that records the event in the inbox. */
export type EventHandler<Data> = (event: EventEnvelope<Data>, tx: SqlExecutor) => Promise<void>;

/**
 * Records the event in the inbox and runs the handler in one transaction. Returns `false` without
 * running the handler when the inbox already contains the event, because its effect was applied before.
 */
export async function applyOnce<Data>(
  pool: Pool,
  schema: string,
  consumer: string,
  event: EventEnvelope<Data>,
  subject: string,
  handler: EventHandler<Data>,
): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query(
      `INSERT INTO ${qualifiedTable(schema, 'inbox_events')} (consumer, event_id, subject)
       VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [consumer, event.id, subject],
    );
    const isNew = inserted.rowCount === 1;
    if (isNew) await handler(event, pgExecutor(client));
    await client.query('COMMIT');
    client.release();
    return isNew;
  } catch (error) {
    // A connection that cannot even roll back is discarded instead of returned to the pool.
    const rolledBack = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    client.release(rolledBack ? undefined : (error as Error));
    throw error;
  }
}
