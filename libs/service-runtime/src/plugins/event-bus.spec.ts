import { Writable } from 'node:stream';

import { EVENT_EXAMPLES, MarkAllNotificationsReadRpc, WorkConfirmedV1 } from '@atlas/contracts';
import { newId, pgExecutor } from '@atlas/database';
import { RpcCallError, appendEvent, rpcHandler } from '@atlas/messaging';
import { createTestDatabase, startTestNats } from '@atlas/testing';
import type { TestDatabase, TestNats } from '@atlas/testing';

import { createServer } from '../server/create-server';
import { eventBusPlugin } from './event-bus.plugin';
import { natsPlugin } from './nats.plugin';
import { postgresPlugin } from './postgres.plugin';

import type { AtlasServer } from '../server/create-server';
import type { EventBusPluginOptions } from './event-bus.plugin';

const workConfirmed = EVENT_EXAMPLES.find((example) => example.definition === WorkConfirmedV1);

function silentLog(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

async function buildApp(
  database: string,
  natsUrl: string,
  options: EventBusPluginOptions,
  declare: (app: AtlasServer) => void,
): Promise<AtlasServer> {
  const app = await createServer({ serviceName: options.service, logLevel: 'warn', logStream: silentLog() });
  await app.register(postgresPlugin, {
    connectionString: database,
    applicationName: `test-${options.service}`,
  });
  await app.register(natsPlugin, { servers: natsUrl, name: `test-${options.service}` });
  await app.register(eventBusPlugin, options);
  declare(app);
  await app.ready();
  return app;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the condition.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('eventBusPlugin', () => {
  let database: TestDatabase;
  let nats: TestNats;
  let publisher: AtlasServer;
  let subscriber: AtlasServer;
  const received: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ services: ['verification', 'notification'] });
    nats = await startTestNats();
    const services = database.services;
    publisher = await buildApp(
      services.verification!.runtimeUrl,
      nats.url,
      { service: 'verification', schema: 'verification' },
      () => undefined,
    );
    subscriber = await buildApp(
      services.notification!.runtimeUrl,
      nats.url,
      { service: 'notification', schema: 'notification' },
      (app) => {
        app.eventBus.consume(WorkConfirmedV1, async (event, tx) => {
          await tx.query('SELECT 1');
          received.push(event.id);
        });
        app.eventBus.serve([rpcHandler(MarkAllNotificationsReadRpc, async () => ({ marked: 3 }))]);
      },
    );
  });

  afterAll(async () => {
    await subscriber?.close();
    await publisher?.close();
    await nats?.stop();
    await database?.drop();
  });

  it('reports ready once consumers and operations run', async () => {
    const response = await waitFor(async () => {
      const reply = await subscriber.inject({ method: 'GET', url: '/health/ready' });
      return reply.statusCode === 200 ? reply : undefined;
    });
    expect(response.json()).toMatchObject({ status: 'ready' });
  });

  it('delivers an outbox event to the consuming service once', async () => {
    if (!workConfirmed) throw new Error('The contracts have no example of work confirmed.');
    const client = await publisher.pg.connect();
    let eventId: string;
    try {
      await client.query('BEGIN');
      const envelope = await appendEvent(pgExecutor(client), 'verification', WorkConfirmedV1, {
        entityId: newId(),
        entityVersion: 1,
        data: workConfirmed.data as never,
      });
      eventId = envelope.id;
      await client.query('COMMIT');
    } finally {
      client.release();
    }

    await waitFor(async () => (received.includes(eventId) ? true : undefined));
    const inbox = await subscriber.pg.query('SELECT consumer FROM inbox_events WHERE event_id = $1', [
      eventId,
    ]);
    expect(inbox.rows).toEqual([{ consumer: 'notification_work_confirmed_v1' }]);
    expect(received.filter((id) => id === eventId)).toHaveLength(1);
  });

  it('calls another service operation over request/reply', async () => {
    const reply = await publisher.eventBus.call(MarkAllNotificationsReadRpc, {
      actor: { role: 'researcher' },
      profileId: newId(),
    });
    expect(reply).toEqual({ marked: 3 });
  });

  it('rejects a call whose request fails its schema', async () => {
    const call = publisher.eventBus.call(MarkAllNotificationsReadRpc, { profileId: 'nope' } as never);
    await expect(call).rejects.toBeInstanceOf(RpcCallError);
    await expect(call).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses declarations after the app started', () => {
    expect(() => subscriber.eventBus.serve([])).toThrow(/before it starts/);
  });
});
