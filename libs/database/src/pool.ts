import { Pool } from 'pg';

import type { PoolClient, PoolConfig } from 'pg';

/** Options of a connection pool; durations are in milliseconds. */
export interface PoolOptions {
  /** Name shown in pg_stat_activity and server logs. */
  applicationName?: string;
  /** Server-side limit on one statement; 0 disables it. */
  statementTimeoutMs?: number;
  /** Server-side limit on a session left idle inside a transaction; 0 disables it. */
  idleInTransactionTimeoutMs?: number;
  /** Server-side limit on waiting for a lock; 0 disables it. */
  lockTimeoutMs?: number;
  /** Maximum number of open connections. */
  max?: number;
  /** Time to wait for a new connection before failing. */
  connectionTimeoutMs?: number;
  /** Time after which an idle connection is closed. */
  idleTimeoutMs?: number;
  /**
   * Receives the error of an idle connection that the server closed (a restart, a terminated
   * backend). The pool has already dropped that connection; the next query opens a new one.
   */
  onIdleError?: (error: Error) => void;
}

const DEFAULTS = {
  applicationName: 'atlas',
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 60_000,
  lockTimeoutMs: 10_000,
  max: 10,
  connectionTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
} satisfies Required<Omit<PoolOptions, 'onIdleError'>>;

/** Builds the pg pool configuration that `createPool` and `createPrismaClient` share. */
export function poolConfig(url: string, options: PoolOptions = {}): PoolConfig {
  const settings = { ...DEFAULTS, ...options };
  return {
    connectionString: url,
    application_name: settings.applicationName,
    statement_timeout: settings.statementTimeoutMs,
    idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
    lock_timeout: settings.lockTimeoutMs,
    max: settings.max,
    connectionTimeoutMillis: settings.connectionTimeoutMs,
    idleTimeoutMillis: settings.idleTimeoutMs,
  };
}

/** Creates a pg connection pool with an application name and server-side timeouts. */
export function createPool(url: string, options: PoolOptions = {}): Pool {
  const pool = new Pool(poolConfig(url, options));
  // Without a listener, Node raises the pool's 'error' event as an uncaught exception and the
  // process exits although the pool recovers by itself.
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

/**
 * Runs `work` inside one transaction on a connection of the pool: commits when it resolves, rolls
 * back and rethrows when it rejects.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = await rollBack(client, error);
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Rolls back after a failure; returns an error when the connection itself is unusable. */
async function rollBack(client: PoolClient, cause: unknown): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (rollbackError) {
    return new Error('ROLLBACK failed, so the connection is discarded', { cause: [cause, rollbackError] });
  }
}
