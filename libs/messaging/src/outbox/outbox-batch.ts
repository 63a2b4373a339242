import type { JetStreamClient } from '@nats-io/jetstream';
import type { Pool, PoolClient } from 'pg';

import { qualifiedTable } from '../sql-identifiers';
import { publishBatch } from './outbox-publisher';

import type { LargePayloadStore } from '../payloads/large-payload-store';
import type { OutboxRow, PublishBatchResult } from './outbox-publisher';

/** Outcome of one relay round. */
export interface RelayRound extends PublishBatchResult {
  /** Rows claimed in this round. */
  claimed: number;
  /** Age in seconds of the oldest claimed row, or 0 when none was claimed. */
  lagSeconds: number;
}

async function claimRows(client: PoolClient, schema: string, batchSize: number): Promise<OutboxRow[]> {
  // SKIP LOCKED lets relay replicas claim disjoint batches instead of queueing behind each other.
  const { rows } = await client.query<OutboxRow>(
    `SELECT id, subject, headers, payload, created_at
     FROM ${qualifiedTable(schema, 'outbox_events')}
     WHERE sent_at IS NULL
     ORDER BY created_at, id
     LIMIT $1
     FOR UPDATE SKIP LOCKED`,
    [batchSize],
  );
  return rows;
}

async function markSent(client: PoolClient, schema: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.query(
    `UPDATE ${qualifiedTable(schema, 'outbox_events')} SET sent_at = now() WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

/**
 * Claims up to `batchSize` unsent rows, publishes them and marks the acknowledged ones sent, all in
 * one transaction. If the process dies before the commit, the rows stay unsent and are published
 * again later, and the stream drops those second copies by their message id.
 */
export async function relayOneBatch(
  pool: Pool,
  js: JetStreamClient,
  payloads: LargePayloadStore,
  schema: string,
  batchSize: number,
): Promise<RelayRound> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const rows = await claimRows(client, schema, batchSize);
    const published = await publishBatch(js, payloads, rows);
    await markSent(client, schema, published.sentIds);
    await client.query('COMMIT');
    client.release();

    const oldest = rows[0]?.created_at;
    const lagSeconds = oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1_000) : 0;
    return { ...published, claimed: rows.length, lagSeconds };
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
