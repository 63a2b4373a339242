import { jetstreamManager } from '@nats-io/jetstream';
import { Pool } from 'pg';

import type { NatsConnection } from '@nats-io/nats-core';

import { SERVICE_SCHEMAS } from '@atlas/database';

/** Work still in flight somewhere in the pipeline, by where it waits. */
export interface PipelineBacklog {
  /** Messages each durable consumer has not yet received or acknowledged, by `STREAM/consumer`. */
  consumers: Record<string, number>;
  /** Outbox rows each service has written but not yet published, by schema. */
  outboxes: Record<string, number>;
  /** Last sequence of every stream, to see whether anything was published since the last look. */
  streamSequences: Record<string, number>;
}

/** Options of {@link waitForPipelineIdle}. */
export interface PipelineIdleOptions {
  nc: NatsConnection;
  /** Superuser URL of the database the services use, to read their outbox backlogs. */
  databaseUrl: string;
  timeoutMs: number;
  /** Milliseconds between two looks at the backlog. */
  pollMs?: number;
  /** Consecutive idle looks with unchanged stream sequences that count as idle. */
  stableLooks?: number;
  /** Called after each look that found work in flight. */
  onProgress?: (backlog: PipelineBacklog) => void;
}

/** Reads the backlog of every JetStream consumer and every service outbox. */
export async function readPipelineBacklog(nc: NatsConnection, pool: Pool): Promise<PipelineBacklog> {
  const jsm = await jetstreamManager(nc);
  const backlog: PipelineBacklog = { consumers: {}, outboxes: {}, streamSequences: {} };
  for await (const stream of jsm.streams.list()) {
    const name = stream.config.name;
    backlog.streamSequences[name] = stream.state.last_seq;
    for await (const consumer of jsm.consumers.list(name)) {
      // An ephemeral consumer belongs to an outside subscriber and may lag forever; it is not our pipeline.
      if (!consumer.config.durable_name) continue;
      backlog.consumers[`${name}/${consumer.name}`] = consumer.num_pending + consumer.num_ack_pending;
    }
  }
  for (const schema of Object.values(SERVICE_SCHEMAS)) {
    const exists = await pool.query<{ table: string | null }>(`SELECT to_regclass($1) AS table`, [
      `${schema}.outbox_events`,
    ]);
    if (!exists.rows[0]?.table) continue;
    const unsent = await pool.query<{ count: string }>(
      `SELECT count(*) AS count FROM "${schema}".outbox_events WHERE sent_at IS NULL`,
    );
    backlog.outboxes[schema] = Number(unsent.rows[0]?.count ?? 0);
  }
  return backlog;
}

/** Lists the non-empty parts of a backlog, e.g. `MATCHING/verification_candidates_proposed_v1: 120`. */
export function describeBacklog(backlog: PipelineBacklog): string[] {
  return [
    ...Object.entries(backlog.consumers)
      .filter(([, count]) => count > 0)
      .map(([name, count]) => `consumer ${name}: ${count} pending`),
    ...Object.entries(backlog.outboxes)
      .filter(([, count]) => count > 0)
      .map(([schema, count]) => `outbox ${schema}: ${count} unsent`),
  ];
}

function sameSequences(a: PipelineBacklog, b: PipelineBacklog): boolean {
  const names = new Set([...Object.keys(a.streamSequences), ...Object.keys(b.streamSequences)]);
  return [...names].every((name) => a.streamSequences[name] === b.streamSequences[name]);
}

/**
 * Waits until no consumer has pending or unacknowledged messages, no outbox has unsent rows, and no
 * stream grew, over `stableLooks` consecutive looks. A consumer that finishes one message and publishes
 * the next keeps the pipeline busy through the stream sequences, so a single quiet look is not enough.
 * On timeout the error lists what is still pending.
 */
export async function waitForPipelineIdle(options: PipelineIdleOptions): Promise<PipelineBacklog> {
  const pollMs = options.pollMs ?? 1_000;
  const stableLooks = options.stableLooks ?? 3;
  const pool = new Pool({ connectionString: options.databaseUrl, max: 1 });
  const deadline = Date.now() + options.timeoutMs;
  let previous: PipelineBacklog | undefined;
  let quiet = 0;
  try {
    for (;;) {
      const backlog = await readPipelineBacklog(options.nc, pool);
      const busy = describeBacklog(backlog);
      quiet = busy.length === 0 && previous && sameSequences(previous, backlog) ? quiet + 1 : 0;
      if (busy.length === 0 && quiet >= stableLooks - 1) return backlog;
      if (busy.length > 0) options.onProgress?.(backlog);
      if (Date.now() > deadline) {
        const pending = busy.length > 0 ? busy.join('; ') : 'streams still growing';
        throw new Error(`The pipeline was not idle after ${options.timeoutMs} ms: ${pending}.`);
      }
      previous = backlog;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    await pool.end();
  }
}
