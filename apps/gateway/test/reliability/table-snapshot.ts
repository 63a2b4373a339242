import type { Pool } from 'pg';

import type { ReliabilityStack } from './reliability-stack';

/** Row count and content digest of every table, keyed `schema.table`. */
export type TableSnapshot = Record<string, string>;

/**
 * Tables whose rows change without any request: outbox rows get `sent_at` when relayed and are
 * purged after, inboxes record consumed events, and the notification service's jobs update their
 * schedule. Their writes are checked through the tables the events lead to.
 */
const SELF_CHANGING_TABLES = /\.(outbox_events|inbox_events|job_runs|scheduled_jobs)$/;

/** Columns a refused request may still write: a token's last use is recorded when it authenticates. */
const USAGE_COLUMNS: Record<string, string[]> = { 'access.api_tokens': ['last_used_at'] };

async function snapshotSchema(pool: Pool, schema: string): Promise<TableSnapshot> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [schema],
  );
  const snapshot: TableSnapshot = {};
  for (const { name } of tables) {
    const key = `${schema}.${name}`;
    if (SELF_CHANGING_TABLES.test(key)) continue;
    const { rows } = await pool.query<{ count: number; digest: string | null }>(
      `SELECT count(*)::int AS count, md5(string_agg(r, '|' ORDER BY r)) AS digest
         FROM (SELECT (to_jsonb(t) - $1::text[])::text AS r FROM "${schema}"."${name}" t) rows`,
      [USAGE_COLUMNS[key] ?? []],
    );
    snapshot[key] = `${rows[0]!.count} rows, ${rows[0]!.digest ?? 'empty'}`;
  }
  return snapshot;
}

/** Takes a snapshot of the gateway's, verification's, notification's and ingest's tables. */
export async function snapshotTables(stack: ReliabilityStack): Promise<TableSnapshot> {
  const schemas = [
    [stack.owners.gateway, 'access'],
    [stack.owners.verification, 'verification'],
    [stack.owners.notification, 'notification'],
    [stack.owners.ingest, 'ingest'],
  ] as const;
  const snapshot: TableSnapshot = {};
  for (const [pool, schema] of schemas) Object.assign(snapshot, await snapshotSchema(pool, schema));
  return snapshot;
}

/** Lists the tables whose snapshot differs. */
export function changedTables(before: TableSnapshot, after: TableSnapshot): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => before[key] !== after[key]).sort();
}
