import { jetstreamManager } from '@nats-io/jetstream';
import { headers as createHeaders } from '@nats-io/nats-core';
import pino from 'pino';

import { pgExecutor } from '@atlas/database';
import { durableConsumerName, streamName } from '@atlas/contracts';
import type { EventEnvelope, ServiceName } from '@atlas/contracts';

import {
  DEAD_LETTER_STREAM,
  appendEvent,
  connectNats,
  createEventConsumer,
  ensureConsumer,
  ensureDeadLetterStream,
  ensureStream,
} from '../src';

import type { JetStreamManager } from '@nats-io/jetstream';

import type { EventConsumer, EventHandler, MessagingConnection } from '../src';

import { createTestDatabase } from './test-database';
import { WorkConfirmedEvent, captureLogs, workWithAuthors } from './test-events';
import { startTestNats } from '@atlas/testing';
import { waitFor } from './wait-for';

import type { TestDatabase } from './test-database';
import type { TestNats } from '@atlas/testing';

type WorkEvent = EventEnvelope<ReturnType<typeof workWithAuthors>>;

const stream = streamName('verification');
const retention = { maxAgeSeconds: 3_600, duplicateWindowSeconds: 600 };

let nats: TestNats;
let database: TestDatabase;
let connection: MessagingConnection;
let jsm: JetStreamManager;
const consumers: EventConsumer[] = [];

beforeAll(async () => {
  [nats, database] = await Promise.all([startTestNats(), createTestDatabase('matching')]);
  connection = await connectNats({
    url: nats.url,
    name: 'event-consumer-test',
    log: pino({ level: 'silent' }),
  });
  jsm = await jetstreamManager(connection.nc);
  await ensureStream(jsm, 'verification', retention);
  await ensureDeadLetterStream(jsm, retention);
});

afterEach(async () => {
  await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
  await jsm.streams.purge(stream);
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
  await nats?.stop();
});

const recordEffect: EventHandler<ReturnType<typeof workWithAuthors>> = async (event, tx) => {
  await tx.query('INSERT INTO matching.applied_effects (event_id, work_id) VALUES ($1, $2)', [
    event.id,
    event.data.workId,
  ]);
};

async function startConsumer(
  service: ServiceName,
  handler: EventHandler<ReturnType<typeof workWithAuthors>>,
  log = pino({ level: 'silent' }),
) {
  const consumer = await ensureConsumer(jsm, service, WorkConfirmedEvent, {
    maxDeliver: 3,
    ackWaitMs: 5_000,
  });
  const running = createEventConsumer({
    js: connection.js,
    pool: database.pool,
    schema: database.schema,
    consumer,
    definition: WorkConfirmedEvent,
    handler,
    log,
    maxDeliver: 3,
    retryDelaysMs: [50],
  });
  consumers.push(running);
  await running.start();
  return consumer;
}

async function buildEvent(workId: string): Promise<WorkEvent> {
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    return await appendEvent(pgExecutor(client), database.schema, WorkConfirmedEvent, {
      entityId: workId,
      entityVersion: 1,
      data: workWithAuthors(workId, 2),
    });
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

async function publishRaw(body: unknown, msgID: string): Promise<void> {
  const messageHeaders = createHeaders();
  messageHeaders.set('Atlas-Event-Type', WorkConfirmedEvent.type);
  await connection.js.publish(WorkConfirmedEvent.subject, JSON.stringify(body), {
    msgID,
    headers: messageHeaders,
  });
}

async function effectCount(workId: string): Promise<number> {
  const { rows } = await database.pool.query<{ count: string }>(
    'SELECT count(*) FROM matching.applied_effects WHERE work_id = $1',
    [workId],
  );
  return Number(rows[0]!.count);
}

async function settled(consumer: string): Promise<boolean> {
  const info = await jsm.consumers.info(stream, consumer);
  return info.num_pending === 0 && info.num_ack_pending === 0;
}

async function deadLetterOf(consumer: string) {
  const subject = `atlas.dlq.matching.${consumer}`;
  let letter: Awaited<ReturnType<typeof jsm.streams.getMessage>> = null;
  await waitFor('the dead letter', async () => {
    letter = await jsm.streams.getMessage(DEAD_LETTER_STREAM, { last_by_subj: subject }).catch(() => null);
    return letter !== null;
  });
  return letter!;
}

describe('event consumer', () => {
  it('applies a redelivered event once', async () => {
    const consumer = await startConsumer('matching', recordEffect);
    const event = await buildEvent('work-redelivered');

    await publishRaw(event, 'first-copy');
    await publishRaw(event, 'second-copy');
    await waitFor('both copies to be acknowledged', async () => {
      const info = await jsm.consumers.info(stream, consumer);
      return info.delivered.stream_seq === 2 && (await settled(consumer));
    });

    expect(await effectCount('work-redelivered')).toBe(1);
    const inbox = await database.pool.query('SELECT * FROM matching.inbox_events WHERE event_id = $1', [
      event.id,
    ]);
    expect(inbox.rowCount).toBe(1);
  });

  it('keeps a slow event from redelivery', async () => {
    const ackWaitMs = 1_000;
    const consumer = await ensureConsumer(jsm, 'notification', WorkConfirmedEvent, {
      maxDeliver: 3,
      ackWaitMs,
    });
    let calls = 0;
    const running = createEventConsumer({
      js: connection.js,
      pool: database.pool,
      schema: database.schema,
      consumer,
      definition: WorkConfirmedEvent,
      handler: async (event, tx) => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, ackWaitMs * 2.5));
        await recordEffect(event, tx);
      },
      log: pino({ level: 'silent' }),
      maxDeliver: 3,
      ackWaitMs,
    });
    consumers.push(running);
    await running.start();

    await publishRaw(await buildEvent('work-slow'), 'slow-copy');
    await waitFor('the slow event to be acknowledged', () => settled(consumer));

    expect(calls).toBe(1);
    expect(await effectCount('work-slow')).toBe(1);
    // Every delivery, redeliveries included, takes the next consumer sequence.
    expect((await jsm.consumers.info(stream, consumer)).delivered.consumer_seq).toBe(1);
  });

  it('dead-letters a poison event after bounded retries', async () => {
    const { log, lines } = captureLogs();
    let attempts = 0;
    const consumer = await startConsumer(
      'matching',
      async () => {
        attempts += 1;
        throw new Error('matching rules table is corrupt');
      },
      log,
    );
    const event = await buildEvent('work-poison');
    await publishRaw(event, event.id);

    const letter = await deadLetterOf(consumer);
    expect(attempts).toBe(3);
    expect(letter.header.get('Atlas-Event-Id')).toBe(event.id);
    expect(letter.header.get('Atlas-Delivery-Count')).toBe('3');
    expect(letter.header.get('Atlas-Original-Subject')).toBe(WorkConfirmedEvent.subject);
    expect(letter.header.get('Atlas-Dead-Letter-Reason')).toContain('matching rules table is corrupt');
    expect(letter.json<WorkEvent>().id).toBe(event.id);

    await waitFor('the poison event to be terminated', () => settled(consumer));
    const errorLine = lines().find((line) => line.level === 50 && line.eventId === event.id);
    expect(errorLine?.msg).toContain(`Event ${event.id} dead-lettered`);
    expect(await effectCount('work-poison')).toBe(0);
  });

  it('dead-letters an invalid payload at once', async () => {
    const { log, lines } = captureLogs();
    let attempts = 0;
    const consumer = await startConsumer(
      'notification',
      async () => {
        attempts += 1;
      },
      log,
    );
    const event = await buildEvent('work-invalid');
    const { title: _title, ...dataWithoutTitle } = event.data;
    await publishRaw({ ...event, data: dataWithoutTitle }, event.id);

    const subject = `atlas.dlq.notification.${consumer}`;
    let letter: Awaited<ReturnType<typeof jsm.streams.getMessage>> = null;
    await waitFor('the dead letter', async () => {
      letter = await jsm.streams.getMessage(DEAD_LETTER_STREAM, { last_by_subj: subject }).catch(() => null);
      return letter !== null;
    });

    expect(attempts).toBe(0);
    expect(letter!.header.get('Atlas-Delivery-Count')).toBe('1');
    expect(letter!.header.get('Atlas-Dead-Letter-Reason')).toContain('title');
    expect(lines().some((line) => line.level === 50 && line.eventId === event.id)).toBe(true);
  });

  it('finishes the event in flight on stop', async () => {
    let started = false;
    const consumer = await startConsumer('ingest', async (event, tx) => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 400));
      await recordEffect(event, tx);
    });
    const event = await buildEvent('work-in-flight');
    await publishRaw(event, event.id);
    await waitFor('the handler to start', async () => started);

    await consumers.splice(0)[0]!.stop();

    expect(await effectCount('work-in-flight')).toBe(1);
    await waitFor('the ack to reach the server', () => settled(consumer));
  });

  it('rejects a consumer name without a known service', () => {
    expect(() =>
      createEventConsumer({
        js: connection.js,
        pool: database.pool,
        schema: database.schema,
        consumer: 'reports_work_confirmed_v1',
        definition: WorkConfirmedEvent,
        handler: recordEffect,
        log: pino({ level: 'silent' }),
        maxDeliver: 3,
      }),
    ).toThrow(expect.objectContaining({ code: 'MESSAGING_ERR_INVALID_CONSUMER' }));
  });
});

describe('provisioning', () => {
  it('updates a consumer whose settings differ', async () => {
    const options = { maxDeliver: 3, ackWaitMs: 5_000 };
    await ensureConsumer(jsm, 'gateway', WorkConfirmedEvent, options);
    await ensureConsumer(jsm, 'gateway', WorkConfirmedEvent, {
      ...options,
      maxDeliver: 7,
      backoffMs: [100, 1_000],
    });

    const info = await jsm.consumers.info(stream, durableConsumerName('gateway', WorkConfirmedEvent));
    expect(info.config.max_deliver).toBe(7);
    expect(info.config.filter_subject).toBe(WorkConfirmedEvent.subject);
    expect(info.config.ack_policy).toBe('explicit');
  });

  it('drops a backoff the settings no longer have', async () => {
    const options = { maxDeliver: 3, ackWaitMs: 5_000 };
    await ensureConsumer(jsm, 'notification', WorkConfirmedEvent, { ...options, backoffMs: [100, 1_000] });
    await ensureConsumer(jsm, 'notification', WorkConfirmedEvent, options);

    const info = await jsm.consumers.info(stream, durableConsumerName('notification', WorkConfirmedEvent));
    expect(info.config.backoff ?? []).toEqual([]);
    expect(info.config.ack_wait).toBe(5_000 * 1e6);
  });

  it('updates a stream whose retention differs', async () => {
    await ensureStream(jsm, 'verification', { ...retention, maxAgeSeconds: 7_200 });
    const info = await jsm.streams.info(stream);
    expect(info.config.max_age).toBe(7_200 * 1e9);
    expect(info.config.subjects).toEqual(['atlas.verification.*.*.*']);
    await ensureStream(jsm, 'verification', retention);
  });
});
