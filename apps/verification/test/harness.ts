import { Writable } from 'node:stream';

import { Client } from 'pg';

import { connect } from '@nats-io/transport-node';

import type { NatsConnection } from '@nats-io/nats-core';

import { buildService } from '@atlas/service-runtime';
import type { AtlasServer, ServiceApp } from '@atlas/service-runtime';
import { createTestDatabase, startTestNats } from '@atlas/testing';
import type { TestDatabase, TestNats } from '@atlas/testing';

import app from '../src/app';

/** The verification service over a fresh database and an isolated NATS server, with a client of each. */
export interface Harness {
  database: TestDatabase;
  nats: TestNats;
  service: AtlasServer;
  nc: NatsConnection;
  admin: Client;
  extra: AtlasServer[];
  close(): Promise<void>;
}

const silent = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** Polls until the probe gives a value. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts the real verification service, and any upstream services the test serves beside it. */
export async function startHarness(
  upstream: Record<string, ServiceApp<never>> = {},
  services: string[] = ['verification'],
): Promise<Harness> {
  const database = await createTestDatabase({ services: services as never });
  const nats = await startTestNats();
  const admin = new Client({ connectionString: database.adminUrl });
  await admin.connect();
  const base = { host: '127.0.0.1', port: 0, logLevel: 'warn', shutdownTimeoutMs: 1000 };
  const service = await buildService({
    name: 'verification',
    config: {
      ...base,
      databaseUrl: database.services.verification!.runtimeUrl,
      natsUrl: nats.url,
      autoConfirmFloor: 0.95,
      autoRejectCeiling: 0.02,
    } as never,
    logStream: process.env.VERIFICATION_TEST_LOGS ? process.stderr : silent(),
    app,
  });
  const extra: AtlasServer[] = [];
  for (const [name, upstreamApp] of Object.entries(upstream)) {
    extra.push(
      await buildService({
        name,
        config: { ...base, databaseUrl: database.adminUrl, natsUrl: nats.url } as never,
        logStream: silent(),
        app: upstreamApp,
      }),
    );
  }
  const nc = await connect({ servers: nats.url, name: 'test-client' });
  const ready = async (server: AtlasServer) =>
    (await server.inject({ url: '/health/ready' })).statusCode === 200;
  for (const server of [service, ...extra])
    await waitFor(async () => ((await ready(server)) ? true : undefined));
  return {
    database,
    nats,
    service,
    nc,
    admin,
    extra,
    async close() {
      await nc.close();
      await service.close();
      for (const server of extra) await server.close();
      await admin.end();
      await nats.stop();
      await database.drop();
    },
  };
}

/** Events a schema's outbox holds for an entity, oldest first. */
export async function outboxEvents(admin: Client, entityId: string) {
  const result = await admin.query<{
    subject: string;
    payload: { entityVersion: number; data: Record<string, unknown> };
  }>(
    `SELECT subject, payload FROM verification.outbox_events WHERE payload ->> 'entityId' = $1 ORDER BY id`,
    [entityId],
  );
  return result.rows;
}
