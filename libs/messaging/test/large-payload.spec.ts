import { jetstreamManager } from '@nats-io/jetstream';
import pino from 'pino';

import { pgExecutor } from '@atlas/database';
import { streamName } from '@atlas/contracts';

import {
  appendEvent,
  connectNats,
  createEventConsumer,
  createOutboxRelay,
  ensureConsumer,
  ensureDeadLetterStream,
  ensureStream,
} from '../src';

import type { JetStreamManager } from '@nats-io/jetstream';

import type { MessagingConnection } from '../src';

import { createTestDatabase } from './test-database';
import { WorkConfirmedEvent, workWithAuthors } from './test-events';
import { startTestNats } from '@atlas/testing';
import { waitFor } from './wait-for';

import type { TestDatabase } from './test-database';
import type { TestNats } from '@atlas/testing';

const log = pino({ level: 'silent' });
const retention = { maxAgeSeconds: 3_600, duplicateWindowSeconds: 600 };

let nats: TestNats;
let database: TestDatabase;
let connection: MessagingConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  [nats, database] = await Promise.all([startTestNats(), createTestDatabase()]);
  connection = await connectNats({ url: nats.url, name: 'large-payload-test', log });
  jsm = await jetstreamManager(connection.nc);
  await ensureStream(jsm, 'verification', retention);
  await ensureDeadLetterStream(jsm, retention);
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
  await nats?.stop();
});

describe('large event payload', () => {
  it('round-trips a work with 2,134 authors', async () => {
    const data = workWithAuthors('work-atlas-collaboration', 2_134);
    expect(JSON.stringify(data).length).toBeGreaterThan(1_700_000);
    const envelope = await appendEvent(pgExecutor(database.pool), database.schema, WorkConfirmedEvent, {
      entityId: data.workId,
      entityVersion: 3,
      data,
    });

    const received: (typeof data)[] = [];
    const durable = await ensureConsumer(jsm, 'verification', WorkConfirmedEvent, {
      maxDeliver: 3,
      ackWaitMs: 10_000,
    });
    const consumer = createEventConsumer({
      js: connection.js,
      pool: database.pool,
      schema: database.schema,
      consumer: durable,
      definition: WorkConfirmedEvent,
      handler: async (event) => {
        received.push(event.data);
      },
      log,
      maxDeliver: 3,
    });
    const relay = createOutboxRelay({ pool: database.pool, schema: database.schema, js: connection.js, log });
    await Promise.all([consumer.start(), relay.start()]);
    try {
      await waitFor('the consumer to receive the event', async () => received.length === 1, 15_000);
    } finally {
      await Promise.all([relay.stop(), consumer.stop()]);
    }

    expect(received[0]).toEqual(data);
    const stored = await jsm.streams.getMessage(streamName('verification'), {
      last_by_subj: WorkConfirmedEvent.subject,
    });
    expect(stored!.data.byteLength).toBeLessThan(1_024);
    expect(stored!.header.get('Atlas-Payload-Ref')).toBe(`atlas_event_payloads/${envelope.id}`);
  });
});
