import { spawn } from 'node:child_process';
import path from 'node:path';

import { jetstreamManager } from '@nats-io/jetstream';
import pino from 'pino';

import { pgExecutor } from '@atlas/database';
import { streamName } from '@atlas/contracts';
import {
  appendEvent,
  connectNats,
  createOutboxRelay,
  ensureStream,
  purgeInboxEvents,
  purgeSentOutboxEvents,
} from '../src';

import type { JetStreamManager } from '@nats-io/jetstream';

import type { MessagingConnection, OutboxRelay } from '../src';

import { createTestDatabase } from './test-database';
import { WorkConfirmedEvent, workWithAuthors } from './test-events';
import { startTestNats } from '@atlas/testing';
import { waitFor } from './wait-for';

import type { TestDatabase } from './test-database';
import type { TestNats } from '@atlas/testing';

const workspaceRoot = path.join(__dirname, '..', '..', '..');
const log = pino({ level: 'silent' });
const stream = streamName('verification');

let nats: TestNats;
let database: TestDatabase;
let connection: MessagingConnection;
let jsm: JetStreamManager;
const relays: OutboxRelay[] = [];

beforeAll(async () => {
  [nats, database] = await Promise.all([startTestNats(), createTestDatabase()]);
  connection = await connectNats({ url: nats.url, name: 'outbox-relay-test', log });
  jsm = await jetstreamManager(connection.nc);
  await ensureStream(jsm, 'verification', { maxAgeSeconds: 3_600, duplicateWindowSeconds: 600 });
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  await jsm.streams.purge(stream);
  await database.pool.query('TRUNCATE verification.outbox_events');
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
  await nats?.stop();
});

function startRelay(options: {
  batchSize?: number;
  pollIntervalMs?: number;
  onPublished?: (n: number, d: number) => void;
}) {
  const relay = createOutboxRelay({
    pool: database.pool,
    schema: database.schema,
    js: connection.js,
    log,
    batchSize: options.batchSize ?? 100,
    pollIntervalMs: options.pollIntervalMs ?? 200,
    metrics: {
      published: (count, duplicates) => options.onPublished?.(count, duplicates),
      publishFailed: () => undefined,
      lag: () => undefined,
    },
  });
  relays.push(relay);
  return relay;
}

async function unsentCount(): Promise<number> {
  const { rows } = await database.pool.query<{ count: string }>(
    'SELECT count(*) FROM verification.outbox_events WHERE sent_at IS NULL',
  );
  return Number(rows[0]!.count);
}

async function streamEventIds(): Promise<string[]> {
  const info = await jsm.streams.info(stream);
  const ids: string[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq += 1) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (message) ids.push(message.json<{ id: string }>().id);
  }
  return ids;
}

async function appendWorks(count: number, offset = 0): Promise<void> {
  const client = await database.pool.connect();
  await client.query('BEGIN');
  for (let index = offset; index < offset + count; index += 1) {
    await appendEvent(pgExecutor(client), database.schema, WorkConfirmedEvent, {
      entityId: `work-${index}`,
      entityVersion: 1,
      data: workWithAuthors(`work-${index}`, 1),
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      correlationId: 'request-1',
    });
  }
  await client.query('COMMIT');
  client.release();
}

function runChildUntilReady(args: string[]): Promise<number> {
  const child = spawn(
    path.join(workspaceRoot, 'node_modules/.bin/tsx'),
    [path.join(__dirname, 'append-events-child.ts'), ...args],
    {
      cwd: workspaceRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('ready')) return;
      child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(child.pid!);
      else reject(new Error(`Child exited with ${code}: ${stderr}`));
    });
  });
}

describe('outbox relay', () => {
  it('publishes events of a process killed before any relay ran', async () => {
    await runChildUntilReady([database.url, database.schema, nats.url, '12', '0']);
    expect(await unsentCount()).toBe(12);

    startRelay({});
    await relays[0]!.start();
    await waitFor('the outbox to drain', async () => (await unsentCount()) === 0);

    const ids = await streamEventIds();
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it('publishes once when killed between publish and marking sent', async () => {
    await runChildUntilReady([database.url, database.schema, nats.url, '20', '8']);
    expect(await unsentCount()).toBe(20);
    expect((await jsm.streams.info(stream)).state.messages).toBe(8);

    let duplicates = 0;
    startRelay({ batchSize: 5, onPublished: (_count, dropped) => (duplicates += dropped) });
    await relays[0]!.start();
    await waitFor('the outbox to drain', async () => (await unsentCount()) === 0);

    const ids = await streamEventIds();
    const { rows } = await database.pool.query<{ id: string }>('SELECT id FROM verification.outbox_events');
    expect(ids).toHaveLength(20);
    expect(new Set(ids)).toEqual(new Set(rows.map((row) => row.id)));
    expect(duplicates).toBe(8);
  });

  it('two replicas publish each event once', async () => {
    let published = 0;
    let duplicates = 0;
    const onPublished = (count: number, dropped: number) => {
      published += count;
      duplicates += dropped;
    };
    startRelay({ batchSize: 20, onPublished });
    startRelay({ batchSize: 20, onPublished });
    await Promise.all(relays.map((relay) => relay.start()));

    await Promise.all([appendWorks(150, 0), appendWorks(150, 150)]);
    await waitFor('the outbox to drain', async () => (await unsentCount()) === 0);

    expect(published).toBe(300);
    expect(duplicates).toBe(0);
    expect((await jsm.streams.info(stream)).state.messages).toBe(300);
  });

  it('wakes on the outbox notification', async () => {
    startRelay({ pollIntervalMs: 60_000 });
    await relays[0]!.start();
    await new Promise((resolve) => setTimeout(resolve, 200));

    await appendWorks(1);
    await waitFor('the notified relay to publish', async () => (await unsentCount()) === 0, 3_000);
  });

  it('copies trace headers into the message', async () => {
    await appendWorks(1);
    startRelay({});
    await relays[0]!.start();
    await waitFor('the outbox to drain', async () => (await unsentCount()) === 0);

    const message = await jsm.streams.getMessage(stream, { last_by_subj: WorkConfirmedEvent.subject });
    expect(message?.header.get('traceparent')).toBe(
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    );
    expect(message?.header.get('Atlas-Correlation-Id')).toBe('request-1');
    expect(message?.header.get('Atlas-Event-Type')).toBe(WorkConfirmedEvent.type);
    expect(message?.header.get('Nats-Msg-Id')).toBe(message?.json<{ id: string }>().id);
  });
});

describe('appendEvent', () => {
  it('rejects data outside the schema', async () => {
    const invalid = { workId: '', title: 'x', authors: [] };
    await expect(
      appendEvent(pgExecutor(database.pool), database.schema, WorkConfirmedEvent, {
        entityId: 'work-1',
        entityVersion: 1,
        data: invalid,
      }),
    ).rejects.toMatchObject({
      code: 'MESSAGING_ERR_INVALID_EVENT',
      message: expect.stringContaining('/data/workId'),
    });
    expect(await unsentCount()).toBe(0);
  });

  it('rejects an unsafe schema name', async () => {
    await expect(
      appendEvent(pgExecutor(database.pool), 'x"; DROP TABLE y; --', WorkConfirmedEvent, {
        entityId: 'work-1',
        entityVersion: 1,
        data: workWithAuthors('work-1', 1),
      }),
    ).rejects.toMatchObject({ code: 'MESSAGING_ERR_INVALID_SCHEMA_NAME' });
  });
});

describe('purge', () => {
  it('deletes old sent outbox rows and old inbox rows', async () => {
    await appendWorks(3);
    await database.pool.query(
      `UPDATE verification.outbox_events SET sent_at = now() - interval '2 hours'
       WHERE id = (SELECT id FROM verification.outbox_events ORDER BY id LIMIT 1)`,
    );
    await database.pool.query(
      `INSERT INTO verification.inbox_events (consumer, event_id, subject, received_at)
       VALUES ('c', gen_random_uuid(), 's', now() - interval '10 days'), ('c', gen_random_uuid(), 's', now())`,
    );

    expect(await purgeSentOutboxEvents(pgExecutor(database.pool), database.schema, 3_600)).toBe(1);
    expect(await purgeInboxEvents(pgExecutor(database.pool), database.schema, 7 * 86_400)).toBe(1);
    expect(await unsentCount()).toBe(2);
  });
});
