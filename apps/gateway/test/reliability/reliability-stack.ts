import { Writable } from 'node:stream';

import { sign } from '@fastify/cookie';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Pool } from 'pg';
import { Redis } from 'ioredis';

import type { RouteOptions } from 'fastify';
import type { AddressInfo } from 'node:net';

import { loadConfig } from '@atlas/config';
import { ensureStream, serversWithCredentials } from '@atlas/messaging';
import { DEFAULT_STREAM_RETENTION, buildService } from '@atlas/service-runtime';
import type { AtlasServer, ServiceApp } from '@atlas/service-runtime';
import { closedPort, startServiceProcess, waitUntilReady } from '@atlas/service-testing';
import type { ServiceProcess } from '@atlas/service-testing';
import { createTestDatabase, startTestNats } from '@atlas/testing';
import type { TestDatabase, TestNats } from '@atlas/testing';

import app from '../../src/app';
import { GatewayConfigSchema } from '../../src/config';
import type { GatewayConfig } from '../../src/config';
import { SessionRepository } from '../../src/repositories/session.repository';
import { SESSION_SECRET } from '../gateway-harness';
import { IMPORT_DIR } from './access-world';

/** Services run as their own processes behind the in-process gateway. */
export const BACKEND_SERVICES = ['ingest', 'matching', 'verification', 'notification'] as const;
export type BackendService = (typeof BACKEND_SERVICES)[number];

/** One route of the gateway as registered with Fastify. */
export interface RegisteredRoute {
  method: string;
  url: string;
  /** Who may call it, from the route's config: `public`, `signed-in` or `admin`. */
  access: string;
  /** API token scope the route requires, if any. */
  scope: string | undefined;
}

/** A client of the stack's NATS server: a service, or the setup that creates the streams. */
export type NatsClient = BackendService | 'gateway' | 'setup';

/** Connection settings a stack may override, e.g. servers that require passwords. */
export interface StackOptions {
  /** One URL for every client, or a URL per client, e.g. to give each service its own NATS user. */
  natsUrl?: string | ((client: NatsClient) => string);
  redisUrl?: string;
  logLevel?: string;
  gatewayEnv?: Record<string, string>;
  /** Backend services to start; all four by default. Routes calling a missing one fail with 503. */
  services?: readonly BackendService[];
}

/**
 * The gateway in this process, with every route it registered and every log line it wrote, in
 * front of the real ingest, matching, verification and notification services as child processes,
 * over a fresh database, an isolated NATS server and Redis.
 */
export interface ReliabilityStack {
  gatewayUrl: string;
  gateway: AtlasServer;
  config: GatewayConfig;
  routes: RegisteredRoute[];
  database: TestDatabase;
  /** Owner-role pools of each service schema, for row counts before and after a request. */
  owners: Record<BackendService | 'gateway', Pool>;
  redis: Redis;
  /** Child processes of the started services (all four unless `services` chose fewer). */
  processes: Record<BackendService, ServiceProcess>;
  /** Everything the gateway and the services logged so far. */
  logs(): string;
  seedAccount(orcid: string, profileId: string, roles: string[]): Promise<string>;
  /** Creates a session and returns its Cookie header and CSRF token, as sign-in would. */
  signIn(accountId: string, profileId: string): Promise<{ cookie: string; csrfToken: string }>;
  /** Stores a session that passed its maximum age, as Redis holds it after a week in use. */
  expiredSession(accountId: string, profileId: string): Promise<{ cookie: string; csrfToken: string }>;
  close(): Promise<void>;
}

/** Wraps the gateway app so that every route it registers is listed, as Fastify's route table has it. */
function recordingRoutes(routes: RegisteredRoute[]): ServiceApp<GatewayConfig> {
  return async (instance, options) => {
    instance.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const config = (route.config ?? {}) as { access?: string; scope?: string };
      for (const method of methods)
        routes.push({
          method: String(method),
          url: route.url,
          access: config.access ?? 'public',
          scope: config.scope,
        });
    });
    await app(instance, options);
  };
}

async function startBackend(
  service: BackendService,
  database: TestDatabase,
  natsUrl: string,
  redisUrl: string,
  logLevel: string,
): Promise<ServiceProcess> {
  const port = await closedPort();
  const prefix = `ATLAS_${service.toUpperCase()}`;
  const child = startServiceProcess(service, {
    NATS_URL: natsUrl,
    REDIS_URL: redisUrl,
    ATLAS_LOG_LEVEL: logLevel,
    [`${prefix}_DATABASE_URL`]: database.services[service]!.runtimeUrl,
    [`${prefix}_PORT`]: String(port),
    ATLAS_IMPORT_DIR: IMPORT_DIR,
    ATLAS_NOTIFICATION_AGGREGATION_WINDOW_MS: '200',
    ATLAS_NOTIFICATION_JOB_INTERVAL_MS: '200',
  });
  await waitUntilReady(`http://127.0.0.1:${port}`, 90_000).catch((error: unknown) => {
    throw new Error(`The ${service} service did not start:\n${child.output()}`, { cause: error });
  });
  return child;
}

async function stopProcess(child: ServiceProcess): Promise<void> {
  if (child.child.exitCode !== null || child.child.signalCode !== null) return;
  child.child.kill('SIGTERM');
  await child.exited;
}

/** Starts the whole stack; the log level defaults to `info`, as in production. */
export async function startReliabilityStack(options: StackOptions = {}): Promise<ReliabilityStack> {
  const logLevel = options.logLevel ?? 'info';
  const redisUrl = options.redisUrl ?? process.env['REDIS_URL'] ?? '';
  const services = options.services ?? BACKEND_SERVICES;
  const [database, nats] = await Promise.all([
    createTestDatabase({ services: ['gateway', ...BACKEND_SERVICES] }),
    options.natsUrl ? Promise.resolve<TestNats | undefined>(undefined) : startTestNats(),
  ]);
  const givenNatsUrl = options.natsUrl ?? nats!.url;
  const natsUrlOf = (client: NatsClient) =>
    typeof givenNatsUrl === 'string' ? givenNatsUrl : givenNatsUrl(client);

  // Consumers bind to the other services' streams, so every stream exists before any service starts.
  const setup = await connect({ ...serversWithCredentials(natsUrlOf('setup')), name: 'reliability-setup' });
  const jsm = await jetstreamManager(setup);
  for (const service of [...BACKEND_SERVICES, 'gateway'] as const)
    await ensureStream(jsm, service, DEFAULT_STREAM_RETENTION);
  await setup.close();

  const processes = {} as Record<BackendService, ServiceProcess>;
  await Promise.all(
    services.map(async (service) => {
      processes[service] = await startBackend(service, database, natsUrlOf(service), redisUrl, logLevel);
    }),
  );

  let gatewayLog = '';
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      gatewayLog += chunk.toString('utf8');
      done();
    },
  });
  const prefix = `test:reliability:${Date.now()}:${Math.random().toString(36).slice(2)}:`;
  const config = loadConfig(GatewayConfigSchema, {
    DATABASE_URL: database.services.gateway!.runtimeUrl,
    NATS_URL: natsUrlOf('gateway'),
    REDIS_URL: redisUrl,
    ATLAS_LOG_LEVEL: logLevel,
    ATLAS_GATEWAY_SESSION_SECRET: SESSION_SECRET,
    ATLAS_GATEWAY_COOKIE_SECURE: 'false',
    ATLAS_GATEWAY_REDIS_PREFIX: prefix,
    ATLAS_GATEWAY_RPC_TIMEOUT_MS: '10000',
    // Generous, because two cores run five services and the tests at once.
    ATLAS_GATEWAY_REDIS_TIMEOUT_MS: '5000',
    ...options.gatewayEnv,
  }) as GatewayConfig;
  const routes: RegisteredRoute[] = [];
  const gateway = await buildService({ name: 'gateway', config, app: recordingRoutes(routes), logStream });
  await gateway.listen({ host: '127.0.0.1', port: Number(options.gatewayEnv?.['ATLAS_GATEWAY_PORT'] ?? 0) });
  const address = gateway.server.address() as AddressInfo;
  await waitUntilReady(`http://127.0.0.1:${address.port}`, 60_000);

  const owners = {} as Record<BackendService | 'gateway', Pool>;
  for (const service of ['gateway', ...BACKEND_SERVICES] as const)
    owners[service] = new Pool({ connectionString: database.services[service]!.ownerUrl, max: 2 });
  const redis = new Redis(redisUrl);
  const lifetimes = { idleSeconds: config.sessionIdleSeconds, maxAgeSeconds: config.sessionMaxAgeSeconds };
  const sessions = new SessionRepository(redis, prefix, lifetimes);
  const cookieOf = (id: string) => `atlas_session=${encodeURIComponent(sign(id, SESSION_SECRET))}`;

  return {
    gatewayUrl: `http://127.0.0.1:${address.port}`,
    gateway,
    config,
    routes,
    database,
    owners,
    redis,
    processes,
    logs: () => [gatewayLog, ...services.map((service) => processes[service].output())].join('\n'),
    async seedAccount(orcid, profileId, roles) {
      const { rows } = await owners.gateway.query<{ id: string }>(
        'INSERT INTO access.accounts (orcid_subject, profile_id) VALUES ($1, $2) RETURNING id',
        [orcid, profileId],
      );
      const accountId = rows[0]!.id;
      for (const role of roles)
        await owners.gateway.query('INSERT INTO access.account_roles (account_id, role) VALUES ($1, $2)', [
          accountId,
          role,
        ]);
      return accountId;
    },
    async signIn(accountId, profileId) {
      const { id, session } = await sessions.create(accountId, profileId);
      return { cookie: cookieOf(id), csrfToken: session.csrfToken };
    },
    async expiredSession(accountId, profileId) {
      const { id, session } = await sessions.create(accountId, profileId);
      const createdAt = Date.now() - (config.sessionMaxAgeSeconds + 60) * 1000;
      await redis.set(`${prefix}session:${id}`, JSON.stringify({ ...session, createdAt }), 'EX', 3600);
      return { cookie: cookieOf(id), csrfToken: session.csrfToken };
    },
    async close() {
      await gateway.close();
      await Promise.all(services.map((service) => stopProcess(processes[service])));
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      for (const pool of Object.values(owners)) await pool.end();
      await nats?.stop();
      await database.drop();
    },
  };
}
