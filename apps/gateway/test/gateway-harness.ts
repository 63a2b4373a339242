import { randomBytes, randomUUID } from 'node:crypto';

import { sign } from '@fastify/cookie';
import { connect } from '@nats-io/transport-node';
import { Pool } from 'pg';
import { Redis } from 'ioredis';

import type { NatsConnection } from '@nats-io/nats-core';
import type { AddressInfo } from 'node:net';

import { ALL_RPCS, compileValidator } from '@atlas/contracts';
import type { RpcDefinition } from '@atlas/contracts';
import { loadConfig } from '@atlas/config';
import { buildService } from '@atlas/service-runtime';
import type { AtlasServer, ServerLimits, ServiceApp } from '@atlas/service-runtime';
import { createTestDatabase, startTestNats } from '@atlas/testing';
import type { TestDatabase, TestNats } from '@atlas/testing';

import app from '../src/app';
import { GatewayConfigSchema } from '../src/config';
import type { GatewayConfig } from '../src/config';
import { SessionRepository } from '../src/repositories/session.repository';

/** ORCID iDs of real people, taken from the ORCID records under data/real/orcid. */
export const REAL_ORCIDS = [
  '0000-0001-6101-5802',
  '0000-0001-6373-9943',
  '0000-0001-6538-4082',
  '0000-0001-7187-7633',
];

export const SESSION_SECRET = randomBytes(32).toString('hex');

/** One request a service received from the gateway. */
export interface RecordedCall {
  subject: string;
  body: Record<string, unknown>;
  correlationId: string | undefined;
  traceparent: string | undefined;
}

/** A reply the recording responder sends: a result or an error code. */
export type PreparedReply = { result: unknown } | { error: { code: string; message: string } };

/**
 * Stands in for the services on an isolated NATS server: records each request, checks it against
 * its contract, and replies with the prepared reply of its subject after checking that against the
 * contract's result schema.
 */
export class RecordingResponder {
  readonly calls: RecordedCall[] = [];
  readonly invalid: string[] = [];
  private readonly replies = new Map<string, PreparedReply>();

  constructor(private readonly nc: NatsConnection) {
    const subscription = nc.subscribe('atlas.*.rpc.*');
    void (async () => {
      for await (const message of subscription) {
        const body = JSON.parse(new TextDecoder().decode(message.data)) as Record<string, unknown>;
        this.calls.push({
          subject: message.subject,
          body,
          correlationId: message.headers?.get('Atlas-Correlation-Id') || undefined,
          traceparent: message.headers?.get('traceparent') || undefined,
        });
        const definition = ALL_RPCS.find((rpc) => rpc.subject === message.subject);
        const errors = definition ? compileValidator(definition.request).errors(body) : [];
        if (!definition || errors.length > 0)
          this.invalid.push(`${message.subject}: ${JSON.stringify(errors)}`);
        const reply = this.replies.get(message.subject) ?? {
          error: { code: 'NOT_FOUND', message: 'no reply prepared' },
        };
        const payload =
          'result' in reply ? { ok: true, result: reply.result } : { ok: false, error: reply.error };
        message.respond(JSON.stringify(payload));
      }
    })();
  }

  /** Prepares the result of an operation, which must match the operation's result schema. */
  reply<Definition extends RpcDefinition>(definition: Definition, result: unknown): void {
    const errors = compileValidator(definition.result).errors(result);
    if (errors.length > 0)
      throw new Error(`Example result of ${definition.subject} is invalid: ${JSON.stringify(errors)}`);
    this.replies.set(definition.subject, { result });
  }

  /** Prepares an error reply of an operation. */
  fail(definition: RpcDefinition, code: string, message = `${code} from the service`): void {
    this.replies.set(definition.subject, { error: { code, message } });
  }

  /** Returns the calls of one operation. */
  callsOf(definition: RpcDefinition): RecordedCall[] {
    return this.calls.filter((call) => call.subject === definition.subject);
  }

  /** Returns the last call of one operation, failing when there was none. */
  lastCall(definition: RpcDefinition): RecordedCall {
    const call = this.callsOf(definition).at(-1);
    if (!call) throw new Error(`No call of ${definition.subject} was recorded`);
    return call;
  }
}

/** A response status a route sent without declaring it in its response schema. */
export interface UndeclaredStatus {
  route: string;
  status: number;
}

/**
 * Wraps the gateway app to check each response of a route with a response schema against the
 * statuses that schema declares. It collects the statuses sent but not declared.
 */
function recordingUndeclaredStatuses(found: Map<string, UndeclaredStatus>): ServiceApp<GatewayConfig> {
  return async (instance, options) => {
    instance.addHook('onResponse', async (request, reply) => {
      const response = request.routeOptions.schema?.response as Record<string, unknown> | undefined;
      if (!response || request.routeOptions.schema?.hide) return;
      if (Object.hasOwn(response, String(reply.statusCode))) return;
      const route = `${request.method} ${request.routeOptions.url}`;
      found.set(`${route} ${reply.statusCode}`, { route, status: reply.statusCode });
    });
    await app(instance, options);
  };
}

/** A running gateway on loopback with its database, isolated NATS server and responder. */
export interface GatewayHarness {
  server: AtlasServer;
  baseUrl: string;
  pool: Pool;
  redis: Redis;
  config: GatewayConfig;
  responder: RecordingResponder;
  /** Statuses routes sent so far that their response schemas do not declare. */
  undeclaredStatuses(): UndeclaredStatus[];
  /** Seeds an account with roles and returns its ids. */
  seedAccount(orcid: string, roles: string[]): Promise<{ accountId: string; profileId: string }>;
  /** Creates a session for an account and returns its Cookie header and CSRF token. */
  signIn(accountId: string, profileId: string): Promise<{ cookie: string; csrfToken: string }>;
  close(): Promise<void>;
}

/** Starts the gateway against a fresh database, the stack's Redis and an isolated NATS server. */
export async function startGateway(
  env: Record<string, string> = {},
  port = 0,
  limits?: Partial<ServerLimits>,
): Promise<GatewayHarness> {
  const database: TestDatabase = await createTestDatabase({ services: ['gateway'] });
  const nats: TestNats = await startTestNats();
  const prefix = `test:gateway:${randomUUID()}:`;
  const config = loadConfig(GatewayConfigSchema, {
    DATABASE_URL: database.services.gateway!.runtimeUrl,
    NATS_URL: nats.url,
    REDIS_URL: process.env['REDIS_URL'] ?? '',
    ATLAS_LOG_LEVEL: 'silent',
    ATLAS_GATEWAY_SESSION_SECRET: SESSION_SECRET,
    ATLAS_GATEWAY_COOKIE_SECURE: 'false',
    ATLAS_GATEWAY_REDIS_PREFIX: prefix,
    ATLAS_GATEWAY_RPC_TIMEOUT_MS: '1000',
    ...env,
  }) as GatewayConfig;
  const undeclared = new Map<string, UndeclaredStatus>();
  const server = await buildService({
    name: 'gateway',
    config,
    app: recordingUndeclaredStatuses(undeclared),
    ...(limits ? { limits } : {}),
  });
  await server.listen({ host: '127.0.0.1', port });
  const address = server.server.address() as AddressInfo;
  const nc = await connect({ servers: nats.url, name: 'recording-responder' });
  const responder = new RecordingResponder(nc);
  await nc.flush();
  const pool = new Pool({ connectionString: database.services.gateway!.ownerUrl, max: 2 });
  const redis = new Redis(process.env['REDIS_URL'] ?? '');
  const sessions = new SessionRepository(redis, prefix, {
    idleSeconds: config.sessionIdleSeconds,
    maxAgeSeconds: config.sessionMaxAgeSeconds,
  });

  return {
    server,
    baseUrl: `http://127.0.0.1:${address.port}`,
    pool,
    redis,
    config,
    responder,
    undeclaredStatuses: () => [...undeclared.values()],
    async seedAccount(orcid, roles) {
      const profileId = randomUUID();
      const { rows } = await pool.query<{ id: string }>(
        'INSERT INTO access.accounts (orcid_subject, profile_id) VALUES ($1, $2) RETURNING id',
        [orcid, profileId],
      );
      const accountId = rows[0]!.id;
      for (const role of roles) {
        await pool.query('INSERT INTO access.account_roles (account_id, role) VALUES ($1, $2)', [
          accountId,
          role,
        ]);
      }
      return { accountId, profileId };
    },
    async signIn(accountId, profileId) {
      const { id, session } = await sessions.create(accountId, profileId);
      return {
        cookie: `atlas_session=${encodeURIComponent(sign(id, SESSION_SECRET))}`,
        csrfToken: session.csrfToken,
      };
    },
    async close() {
      await server.close();
      await nc.drain();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await pool.end();
      await nats.stop();
      await database.drop();
    },
  };
}
