import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Pool } from 'pg';

import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';

import { loadConfig } from '@atlas/config';
import { natsUrl, pickPort, startNats, stopNats } from '@atlas/local-stack';
import { DEFAULT_STREAM_RETENTION, buildService } from '@atlas/service-runtime';
import { createTestDatabase } from '@atlas/testing';
import { startServiceProcess, waitFor, waitUntilReady } from '@atlas/service-testing';
import { ensureStream } from '@atlas/messaging';

import type { NatsInstance } from '@atlas/local-stack';
import type { AtlasServer } from '@atlas/service-runtime';
import type { ServiceProcess } from '@atlas/service-testing';
import type { TestDatabase } from '@atlas/testing';

import notificationApp from '../src/app';
import { NotificationConfigSchema } from '../src/config';

/** A notification service and a gateway on real PostgreSQL, NATS and Redis, for one test file. */
export interface NotificationHarness {
  notification: AtlasServer;
  /** The gateway, run as its own process as in production. */
  gateway: ServiceProcess;
  /** Base URL of the gateway, listening on loopback. */
  gatewayUrl: string;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** Pool of the notification schema's owner role, for assertions. */
  db: Pool;
  natsUrl: string;
  stop(): Promise<void>;
}

/** Starts an isolated nats-server in a temporary folder. */
async function startIsolatedNats(): Promise<{ instance: NatsInstance; directory: string }> {
  const directory = mkdtempSync(path.join(tmpdir(), 'atlas-notification-nats-'));
  const preferredPort = 20_000 + Math.floor(Math.random() * 20_000);
  const instance = await startNats(directory, undefined, () => undefined, {
    preferredPort,
    preferredMonitorPort: preferredPort + 1,
    serverName: `notification-test-${preferredPort}`,
  });
  return { instance, directory };
}

/** Starts both services with `notificationEnv` overriding the notification settings. */
export async function startHarness(
  notificationEnv: Record<string, string> = {},
): Promise<NotificationHarness> {
  const [nats, database] = await Promise.all([
    startIsolatedNats(),
    createTestDatabase({ services: ['notification', 'gateway'] }),
  ]);
  const url = natsUrl(nats.instance);
  const base = { NATS_URL: url, REDIS_URL: process.env.REDIS_URL ?? '', ATLAS_LOG_LEVEL: 'silent' };
  const nc = await connect({ servers: url, name: 'notification-test' });
  const jsm = await jetstreamManager(nc);
  for (const service of ['ingest', 'matching', 'verification'] as const)
    await ensureStream(jsm, service, DEFAULT_STREAM_RETENTION);

  const notification = await buildService({
    name: 'notification',
    app: notificationApp,
    config: loadConfig(NotificationConfigSchema, {
      ...base,
      ATLAS_NOTIFICATION_DATABASE_URL: database.services.notification!.runtimeUrl,
      ...notificationEnv,
    }),
  });
  const gatewayPort = await pickPort(30_000 + Math.floor(Math.random() * 20_000));
  const gateway = startServiceProcess('gateway', {
    ...base,
    ATLAS_GATEWAY_PORT: String(gatewayPort),
    ATLAS_GATEWAY_DATABASE_URL: database.services.gateway!.runtimeUrl,
    ATLAS_GATEWAY_DEV_IDENTITY: 'true',
    ATLAS_GATEWAY_SSE_HEARTBEAT_MS: '200',
  });
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  await waitUntilReady(gatewayUrl, 60_000).catch((error: unknown) => {
    throw new Error(`The gateway did not start:\n${gateway.output()}`, { cause: error });
  });
  await waitFor(
    async () => (await notification.inject('/health/ready')).statusCode === 200,
    'the notification service to be ready',
  );
  const db = new Pool({ connectionString: database.services.notification!.ownerUrl, max: 2 });

  return {
    notification,
    gateway,
    gatewayUrl,
    nc,
    js: jetstream(nc),
    jsm,
    db,
    natsUrl: url,
    stop: () => stopHarness(notification, gateway, nc, db, database, nats),
  };
}

async function stopHarness(
  notification: AtlasServer,
  gateway: ServiceProcess,
  nc: NatsConnection,
  db: Pool,
  database: TestDatabase,
  nats: { instance: NatsInstance; directory: string },
): Promise<void> {
  gateway.child.kill('SIGTERM');
  await gateway.exited;
  await notification.close();
  await nc.drain();
  await db.end();
  await database.drop();
  await stopNats(nats.instance);
  rmSync(nats.directory, { recursive: true, force: true });
}
