import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';

/** Schemas whose outbox relays publish events. */
const OUTBOX_SCHEMAS = ['ingest', 'matching', 'verification', 'notification'];

/** Work still in flight: unsent outbox rows, and messages consumers have not acknowledged. */
export interface Backlog {
  unsentOutbox: number;
  unacknowledged: number;
  deadLetters: number;
}

/** Reads the backlog of every outbox and every durable consumer. */
export async function readBacklog(superuserUrl: string, natsUrl: string): Promise<Backlog> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  let unsentOutbox = 0;
  try {
    for (const schema of OUTBOX_SCHEMAS) {
      const { rows } = await client.query<{ count: string }>(
        `SELECT count(*) FROM ${schema}.outbox_events WHERE sent_at IS NULL`,
      );
      unsentOutbox += Number(rows[0]!.count);
    }
  } finally {
    await client.end();
  }

  const nc = await connect({ servers: natsUrl.split(','), name: 'reliability-backlog' });
  let unacknowledged = 0;
  let deadLetters = 0;
  try {
    const jsm = await jetstreamManager(nc);
    for await (const stream of jsm.streams.list()) {
      if (stream.config.name === 'DEAD_LETTERS') deadLetters = stream.state.messages;
      for await (const consumer of jsm.consumers.list(stream.config.name)) {
        unacknowledged += consumer.num_pending + consumer.num_ack_pending;
      }
    }
  } finally {
    await nc.close();
  }
  return { unsentOutbox, unacknowledged, deadLetters };
}

/**
 * Waits until nothing is in flight in two readings `settleMs` apart, and until `isDone` holds, or
 * throws after `timeoutMs`. A reading that fails (a server restarting) counts as not drained.
 */
export async function waitForDrain(
  superuserUrl: string,
  natsUrl: string,
  options: {
    timeoutMs: number;
    settleMs?: number;
    isDone?: () => Promise<boolean>;
    log?: (line: string) => void;
  },
): Promise<Backlog> {
  const settleMs = options.settleMs ?? 3_000;
  const deadline = Date.now() + options.timeoutMs;
  let quietReadings = 0;
  let last: Backlog | undefined;
  let lastLog = 0;
  while (Date.now() < deadline) {
    const backlog = await readBacklog(superuserUrl, natsUrl).catch(() => undefined);
    const quiet = backlog !== undefined && backlog.unsentOutbox === 0 && backlog.unacknowledged === 0;
    const done = quiet && (options.isDone ? await options.isDone() : true);
    quietReadings = done ? quietReadings + 1 : 0;
    if (backlog) last = backlog;
    if (quietReadings >= 2) return backlog!;
    if (options.log && Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      options.log(`backlog: ${backlog ? JSON.stringify(backlog) : 'unreadable'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  }
  throw new Error(
    `The pipeline did not drain within ${options.timeoutMs} ms (last backlog ${JSON.stringify(last)})`,
  );
}
