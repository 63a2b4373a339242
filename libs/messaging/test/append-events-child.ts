// Appends events in one committed transaction, optionally publishes part of them as a relay would
// without marking them sent, then waits to be killed. Arguments: database URL, schema, NATS URL,
// event count, events to publish before hanging.
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Pool } from 'pg';

import { pgExecutor } from '@atlas/database';

import { EVENT_PAYLOAD_BUCKET, LargePayloadStore, appendEvent } from '../src';

import { publishBatch } from '../src/outbox/outbox-publisher';
import { WorkConfirmedEvent, workWithAuthors } from './test-events';

import type { OutboxRow } from '../src/outbox/outbox-publisher';

async function appendCommitted(pool: Pool, schema: string, count: number): Promise<void> {
  const client = await pool.connect();
  await client.query('BEGIN');
  for (let index = 0; index < count; index += 1) {
    await appendEvent(pgExecutor(client), schema, WorkConfirmedEvent, {
      entityId: `work-${index}`,
      entityVersion: 1,
      data: workWithAuthors(`work-${index}`, 2),
    });
  }
  await client.query('COMMIT');
  client.release();
}

async function publishWithoutMarking(
  pool: Pool,
  schema: string,
  natsUrl: string,
  count: number,
): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  const js = jetstream(nc);
  const payloads = new LargePayloadStore(js, { bucket: EVENT_PAYLOAD_BUCKET, ttlSeconds: 3_600 });
  const { rows } = await pool.query<OutboxRow>(
    `SELECT id, subject, headers, payload, created_at FROM "${schema}".outbox_events
     ORDER BY created_at, id LIMIT $1`,
    [count],
  );
  const result = await publishBatch(js, payloads, rows);
  if (result.failures.length > 0) throw new Error('publish failed in child');
  await nc.flush();
}

async function main(): Promise<void> {
  const [databaseUrl, schema, natsUrl, count, publishCount] = process.argv.slice(2);
  const pool = new Pool({ connectionString: databaseUrl });
  await appendCommitted(pool, schema!, Number(count));
  if (Number(publishCount) > 0) await publishWithoutMarking(pool, schema!, natsUrl!, Number(publishCount));
  process.stdout.write('ready\n');
  // Stay alive until the test kills the process.
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
