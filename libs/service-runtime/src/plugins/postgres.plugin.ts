import fp from 'fastify-plugin';

import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';

/** Options of `postgresPlugin`. */
export interface PostgresPluginOptions {
  /** postgres:// URL with the service's runtime role. */
  connectionString: string;
  /** Shown in `pg_stat_activity.application_name`, e.g. `atlas-ingest`. */
  applicationName: string;
  /** Largest number of pooled connections. */
  maxConnections?: number;
  /** Milliseconds to wait for a new connection before a query fails. */
  connectionTimeoutMs?: number;
  /** Milliseconds one statement may run before PostgreSQL cancels it. */
  statementTimeoutMs?: number;
}

/**
 * Adds `app.pg`, a `pg` pool that connects on first use, registers the `postgres` readiness check and
 * ends the pool when the server closes. `pg` is loaded here so that telemetry started first traces it.
 */
async function postgres(app: FastifyInstance, options: PostgresPluginOptions): Promise<void> {
  const { Pool: PoolClass } = await import('pg');
  const pool: Pool = new PoolClass({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
  });
  // An idle client that loses its connection emits on the pool; without a listener the process exits.
  pool.on('error', (error) => app.log.error({ err: error }, 'idle PostgreSQL client failed'));
  // A checked-out client (a transaction, an import's lock connection) emits its error on itself when
  // the server restarts. Its query fails anyway, so the listener only logs, and the process stays up.
  pool.on('connect', (client) => {
    client.on('error', (error) => app.log.warn({ err: error }, 'PostgreSQL connection in use was lost'));
  });

  app.decorate('pg', pool);
  app.readiness.register('postgres', async () => {
    await pool.query('SELECT 1');
  });

  let ended = false;
  app.addHook('onClose', async () => {
    if (ended) return;
    ended = true;
    await pool.end();
    app.log.info('PostgreSQL pool closed');
  });
}

/** Fastify plugin that gives the service its PostgreSQL pool. */
export const postgresPlugin = fp(postgres, { name: 'atlas-postgres', fastify: '5.x' });
