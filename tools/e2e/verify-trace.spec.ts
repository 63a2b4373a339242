import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';

import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { tracing } from '@opentelemetry/sdk-node';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';

import type { NatsConnection } from '@nats-io/nats-core';

import type { AddressInfo } from 'node:net';

import { loadConfig } from '@atlas/config';
import { CandidatesProposedV1, GetImportRunRpc, RecordStoredV1, StartImportRpc } from '@atlas/contracts';
import type { Work } from '@atlas/contracts';
import { pgExecutor } from '@atlas/database';
import { appendEvent, callRpc } from '@atlas/messaging';
import {
  METRICS,
  METRIC_DECLARATIONS,
  missingFromScrape,
  shutdownTelemetry,
  startTelemetry,
} from '@atlas/observability';
import type { AtlasServer } from '@atlas/service-runtime';
import { loadServiceModules, waitFor } from '@atlas/service-testing';
import { readRecords } from '@atlas/source-parsers';
import { createTestDatabase, startTestNats } from '@atlas/testing';
import type { TestDatabase, TestNats } from '@atlas/testing';

type ReadableSpan = tracing.ReadableSpan;

const WORKS = path.join(__dirname, '../../data/real/openalex/academic-explorer_works.jsonl.gz');
const IMPORT_FILE = path.join(
  __dirname,
  '../../data/real/openalex/api_responses/openalexpro_keypaper_works_page.json.gz',
);
const DECISION_SUBJECT = 'atlas.verification.decision.recorded.v1';
const ANONYMOUS_RATE_LIMIT = 20;

const spans = new tracing.InMemorySpanExporter();
const processor = new tracing.SimpleSpanProcessor(spans);
const silent = () => new Writable({ write: (_chunk, _encoding, done) => done() });

let database: TestDatabase;
let nats: TestNats;
let admin: Client;
const servers: AtlasServer[] = [];
let gatewayUrl: string;
let importDir: string | undefined;
let nc: NatsConnection;

/** Starts one app of `apps/` in this process with the environment a deployment would give it. */
async function startApp(name: string, env: Record<string, string>): Promise<AtlasServer> {
  // Loaded after telemetry started, so that their modules are instrumented as in production.
  const { buildService } = await import('@atlas/service-runtime');
  const { app, configSchema } = await loadServiceModules(name);
  const config = loadConfig(configSchema, {
    NATS_URL: nats.url,
    REDIS_URL: process.env['REDIS_URL'] ?? '',
    ATLAS_LOG_LEVEL: 'warn',
    ...env,
  }) as never;
  const server = await buildService({ name, config, app, logStream: silent() });
  servers.push(server);
  return server;
}

async function isReady(server: AtlasServer): Promise<boolean> {
  return (await server.inject({ url: '/health/ready' })).statusCode === 200;
}

async function firstWorkWithCoauthors(): Promise<Work> {
  for await (const item of readRecords(WORKS)) {
    if (item.kind === 'record' && item.work && item.work.authors.length >= 2) return item.work;
  }
  throw new Error(`No work with two authors in ${WORKS}`);
}

/** Seeds a profile, an API token of its account and one pending candidate of a real work. */
async function seedCandidate(): Promise<{ profileId: string; token: string; candidateId: string }> {
  const profile = await admin.query<{ id: string }>(
    `INSERT INTO verification.author_profiles (display_name, settings)
     VALUES ('Trace Owner', '{"autoConfirmThreshold": 0.9}') RETURNING id`,
  );
  const profileId = profile.rows[0]!.id;
  const account = await admin.query<{ id: string }>(
    `INSERT INTO access.accounts (orcid_subject, profile_id) VALUES ('0000-0001-6101-5802', $1) RETURNING id`,
    [profileId],
  );
  const accountId = account.rows[0]!.id;
  await admin.query(`INSERT INTO access.account_roles (account_id, role) VALUES ($1, 'researcher')`, [
    accountId,
  ]);
  const token = `atl_${randomBytes(32).toString('base64url')}`;
  await admin.query(
    `INSERT INTO access.api_tokens (account_id, name, token_prefix, token_hash, scopes)
     VALUES ($1, 'trace test', $2, $3, '{candidates:read,candidates:write}')`,
    [accountId, token.slice(0, 12), createHash('sha256').update(token).digest()],
  );

  const work = await firstWorkWithCoauthors();
  const record = {
    rawRecordId: '01900000-0000-7000-8000-000000000001',
    source: work.source,
    sourceId: work.sourceId,
    checksum: `sha256:${'1'.repeat(64)}`,
  };
  const tx = pgExecutor(admin);
  await appendEvent(tx, 'ingest', RecordStoredV1, {
    entityId: record.rawRecordId,
    entityVersion: 1,
    data: { record, work: { kind: 'inline', value: work }, origin: {} },
  });
  await appendEvent(tx, 'matching', CandidatesProposedV1, {
    entityId: record.rawRecordId,
    entityVersion: 1,
    data: {
      record,
      matcherVersion: 'trace-test',
      trigger: 'record',
      proposals: [
        {
          profileId,
          authorPosition: 1,
          score: 0.8,
          reasons: [{ signal: 'name', contribution: 2, detail: 'same name' }],
          autoConfirmEligible: false,
          conflict: [],
        },
        {
          profileId,
          authorPosition: 2,
          score: 0.99,
          reasons: [{ signal: 'orcid', contribution: 6, detail: 'same ORCID iD' }],
          autoConfirmEligible: true,
          conflict: [],
        },
      ],
    },
  });
  let candidateId: string | undefined;
  await waitFor(async () => {
    const { rows } = await admin.query<{ id: string }>(
      `SELECT id FROM verification.candidate_matches WHERE profile_id = $1 AND status = 'pending'`,
      [profileId],
    );
    candidateId = rows[0]?.id;
    return candidateId !== undefined;
  }, 'the proposal to reach the verification queue');
  return { profileId, token, candidateId: candidateId! };
}

beforeAll(async () => {
  startTelemetry({ serviceName: 'atlas-e2e', spanProcessors: [processor] });
  [database, nats] = await Promise.all([
    createTestDatabase({ services: ['gateway', 'verification', 'notification', 'ingest', 'matching'] }),
    startTestNats(),
  ]);
  admin = new Client({ connectionString: database.adminUrl });
  await admin.connect();

  const verification = await startApp('verification', {
    ATLAS_VERIFICATION_DATABASE_URL: database.services.verification!.runtimeUrl,
  });
  const notification = await startApp('notification', {
    ATLAS_NOTIFICATION_DATABASE_URL: database.services.notification!.runtimeUrl,
  });
  const gateway = await startApp('gateway', {
    ATLAS_GATEWAY_DATABASE_URL: database.services.gateway!.runtimeUrl,
    ATLAS_GATEWAY_REDIS_PREFIX: `test:trace:${randomBytes(6).toString('hex')}:`,
    ATLAS_GATEWAY_COOKIE_SECURE: 'false',
    ATLAS_GATEWAY_ANONYMOUS_RATE_LIMIT: String(ANONYMOUS_RATE_LIMIT),
  });
  importDir = mkdtempSync(path.join(tmpdir(), 'atlas-e2e-import-'));
  mkdirSync(path.join(importDir, 'openalex'));
  copyFileSync(IMPORT_FILE, path.join(importDir, 'openalex', path.basename(IMPORT_FILE)));
  const ingest = await startApp('ingest', {
    ATLAS_INGEST_DATABASE_URL: database.services.ingest!.runtimeUrl,
    ATLAS_IMPORT_DIR: importDir,
  });
  const matching = await startApp('matching', {
    ATLAS_MATCHING_DATABASE_URL: database.services.matching!.runtimeUrl,
  });
  nc = await connect({ servers: nats.url, name: 'e2e-test' });
  await gateway.listen({ host: '127.0.0.1', port: 0 });
  gatewayUrl = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
  for (const server of [verification, notification, gateway, ingest, matching])
    await waitFor(() => isReady(server), 'every service to be ready', 30_000);
}, 120_000);

afterAll(async () => {
  await nc?.close();
  for (const server of servers.reverse()) await server.close();
  if (importDir) rmSync(importDir, { recursive: true, force: true });
  await admin?.end();
  await nats?.stop();
  await database?.drop();
  await shutdownTelemetry();
});

function spanId(span: ReadableSpan): string {
  return span.spanContext().spanId;
}

function parentId(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

/** Finds the one span of the trace matching `predicate`, naming what was expected when it is missing. */
function single(trace: ReadableSpan[], description: string, predicate: (span: ReadableSpan) => boolean) {
  const matches = trace.filter(predicate);
  if (matches.length !== 1) {
    const names = trace.map((span) => `${SpanKind[span.kind]} ${span.name}`).join(', ');
    throw new Error(`Expected one ${description} span, found ${matches.length} among: ${names}`);
  }
  return matches[0]!;
}

describe('a verify request', () => {
  // NOTE: the HTTP instrumentation cannot patch Node's http module under Jest's module registry, so
  // here the gateway has no HTTP server span. The caller's traceparent stands for it, as an ingress
  // or a browser with tracing sends one; in production the RPC client span is a child of the HTTP
  // server span, which is itself a child of that traceparent.
  const callerTraceId = randomBytes(16).toString('hex');
  const callerSpanId = randomBytes(8).toString('hex');

  it('is one trace from the gateway through verification to notification', async () => {
    const { token, candidateId } = await seedCandidate();
    await processor.forceFlush();
    spans.reset();

    const response = await fetch(`${gatewayUrl}/candidates/${candidateId}/verify`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        traceparent: `00-${callerTraceId}-${callerSpanId}-01`,
      },
      body: JSON.stringify({ decision: 'confirm', confidence: 'certain' }),
    });
    expect(response.status).toBe(200);

    // Only a span of this request's trace counts: events of the seeding may still be in flight.
    const isConsumerOfDecision = (span: ReadableSpan) =>
      span.kind === SpanKind.CONSUMER &&
      span.spanContext().traceId === callerTraceId &&
      span.attributes['messaging.consumer.group.name'] === 'notification_decision_recorded_v1';
    await waitFor(async () => {
      await processor.forceFlush();
      return spans.getFinishedSpans().some(isConsumerOfDecision);
    }, 'notification to process the decision event');
    const trace = spans.getFinishedSpans().filter((span) => span.spanContext().traceId === callerTraceId);

    const rpcClient = single(
      trace,
      'gateway verify RPC client',
      (span) => span.kind === SpanKind.CLIENT && span.name === 'verification/verify',
    );
    const rpcServer = single(
      trace,
      'verification verify RPC server',
      (span) => span.kind === SpanKind.SERVER && span.name === 'verification/verify',
    );
    const creation = single(
      trace,
      'decision event creation',
      (span) => span.name === `create ${DECISION_SUBJECT}`,
    );
    const consumer = single(trace, 'notification decision consumer', isConsumerOfDecision);

    expect(parentId(rpcClient)).toBe(callerSpanId);
    expect(parentId(rpcServer)).toBe(spanId(rpcClient));
    expect(parentId(creation)).toBe(spanId(rpcServer));
    expect(creation.kind).toBe(SpanKind.PRODUCER);
    expect(parentId(consumer)).toBe(spanId(creation));
    expect(consumer.attributes['messaging.destination.name']).toBe(DECISION_SUBJECT);
    expect(consumer.status.code).not.toBe(SpanStatusCode.ERROR);

    const stored = await admin.query<{ traceparent: string }>(
      `SELECT payload ->> 'traceparent' AS traceparent FROM verification.outbox_events
       WHERE subject = $1 AND payload -> 'data' ->> 'candidateId' = $2`,
      [DECISION_SUBJECT, candidateId],
    );
    expect(stored.rows[0]?.traceparent).toBe(`00-${callerTraceId}-${spanId(creation)}-01`);
  });
});

/** Returns the value of the sample of `name` whose labels include every one of `labels`, or undefined. */
function sampleValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

// NOTE: this flow does not redeliver an event after a failure, fail a publish, deliver a notification
// (no profile here has rivals or an open stream), propose a candidate (the matching read model has
// no profile) or lose Redis, so those metrics are checked only by their declaration.
const NOT_PRODUCED_BY_THIS_FLOW = new Set<string>([
  METRICS.inboxRedeliveries.name,
  METRICS.outboxPublishFailures.name,
  METRICS.notificationsDelivered.name,
  METRICS.matchingCandidatesProposed.name,
  METRICS.gatewayRateLimitFailOpen.name,
]);

describe('the metrics of the services', () => {
  it('are exported after an import, decisions, a dead letter and rate limiting', async () => {
    const admin = { role: 'admin' as const };
    const { importRunId } = await callRpc(nc, StartImportRpc, {
      actor: admin,
      input: { kind: 'path', path: 'openalex' },
    });
    await waitFor(
      async () => {
        const run = await callRpc(nc, GetImportRunRpc, { actor: admin, importRunId });
        return run.state === 'succeeded';
      },
      'the import to succeed',
      60_000,
    );

    // An event the notification consumer cannot decode goes to its dead-letter subject at once.
    await jetstream(nc).publish(DECISION_SUBJECT, new TextEncoder().encode('{"not":"an event"}'));
    for (let attempt = 0; attempt <= ANONYMOUS_RATE_LIMIT; attempt += 1)
      await fetch(`${gatewayUrl}/asyncapi.json`);

    let text = '';
    await waitFor(async () => {
      text = (await servers[0]!.inject('/metrics')).body;
      return (
        (sampleValue(text, METRICS.deadLetters.name, { consumer: 'notification_decision_recorded_v1' }) ??
          0) > 0
      );
    }, 'the dead letter to be counted');

    const expected = METRIC_DECLARATIONS.filter((metric) => !NOT_PRODUCED_BY_THIS_FLOW.has(metric.name));
    expect(missingFromScrape(text, expected)).toEqual([]);
    expect(
      sampleValue(text, METRICS.ingestRecords.name, { source: 'openalex', outcome: 'stored' }),
    ).toBeGreaterThan(0);
    expect(sampleValue(text, `${METRICS.ingestImportDuration.name}_count`, { status: 'succeeded' })).toBe(1);
    expect(sampleValue(text, METRICS.verificationDecisions.name, { decision: 'confirm', via: 'api' })).toBe(
      1,
    );
    expect(sampleValue(text, METRICS.gatewayRateLimited.name, { bucket: 'address' })).toBeGreaterThan(0);
    expect(
      sampleValue(text, METRICS.eventsProcessed.name, {
        consumer: 'matching_record_stored_v1',
        outcome: 'applied',
      }),
    ).toBeGreaterThan(0);
    expect(sampleValue(text, METRICS.outboxPublished.name, { schema: 'verification' })).toBeGreaterThan(0);
    expect(sampleValue(text, METRICS.outboxBacklog.name, { schema: 'verification' })).toBe(0);
    expect(sampleValue(text, METRICS.deadLetterStreamMessages.name, {})).toBeGreaterThan(0);
    expect(
      sampleValue(text, `${METRICS.rpcServerDuration.name}_count`, { rpc_method: 'verify', rpc_code: 'OK' }),
    ).toBe(1);
  });
});
