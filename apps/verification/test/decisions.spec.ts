import path from 'node:path';
import { Writable } from 'node:stream';

import { Client } from 'pg';

import { connect } from '@nats-io/transport-node';

import type { NatsConnection } from '@nats-io/nats-core';

import {
  CandidatesProposedV1,
  GetQueueRpc,
  GetStatsRpc,
  RecordStoredV1,
  VerifyBatchRpc,
  VerifyRpc,
  GetCandidateHistoryRpc,
  ReopenRpc,
} from '@atlas/contracts';
import type { Work } from '@atlas/contracts';
import { pgExecutor } from '@atlas/database';
import { appendEvent, callRpc } from '@atlas/messaging';
import { buildService, eventBusPlugin, natsPlugin, postgresPlugin } from '@atlas/service-runtime';
import type { AtlasServer } from '@atlas/service-runtime';
import { readRecords } from '@atlas/source-parsers';
import { createTestDatabase, startTestNats } from '@atlas/testing';
import type { TestDatabase, TestNats } from '@atlas/testing';

import app from '../src/app';

const WORKS = path.join(__dirname, '../../../data/real/openalex/academic-explorer_works.jsonl.gz');
const silent = () => new Writable({ write: (_chunk, _encoding, done) => done() });

let database: TestDatabase;
let nats: TestNats;
let service: AtlasServer;
let upstream: AtlasServer;
let matching: AtlasServer;
let nc: NatsConnection;
let admin: Client;
const works: Work[] = [];

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** An ingest-and-matching stand-in that publishes through the real outbox relay of their schemas. */
async function buildUpstream(upstreamService: 'ingest' | 'matching'): Promise<AtlasServer> {
  return buildService({
    name: upstreamService,
    config: { host: '127.0.0.1', port: 0, logLevel: 'warn', shutdownTimeoutMs: 1000 },
    logStream: silent(),
    app: async (instance) => {
      await instance.register(postgresPlugin, {
        connectionString: database.adminUrl,
        applicationName: 'upstream',
      });
      await instance.register(natsPlugin, { servers: nats.url, name: 'upstream' });
      await instance.register(eventBusPlugin, { service: upstreamService, schema: upstreamService });
    },
  });
}

beforeAll(async () => {
  database = await createTestDatabase({ services: ['verification', 'ingest', 'matching'] });
  nats = await startTestNats();
  admin = new Client({ connectionString: database.adminUrl });
  await admin.connect();
  for await (const item of readRecords(WORKS)) {
    if (item.kind === 'record' && item.work && item.work.authors.length >= 2) works.push(item.work);
    if (works.length === 3) break;
  }
  service = await buildService({
    name: 'verification',
    config: {
      host: '127.0.0.1',
      port: 0,
      logLevel: 'warn',
      shutdownTimeoutMs: 1000,
      databaseUrl: database.services.verification!.runtimeUrl,
      natsUrl: nats.url,
      autoConfirmFloor: 0.95,
      autoRejectCeiling: 0.02,
    } as never,
    logStream: process.env.VERIFICATION_TEST_LOGS ? process.stderr : silent(),
    app,
  });
  upstream = await buildUpstream('ingest');
  matching = await buildUpstream('matching');
  nc = await connect({ servers: nats.url, name: 'test-client' });
  const ready = async (server: AtlasServer) =>
    (await server.inject({ url: '/health/ready' })).statusCode === 200;
  await waitFor(async () =>
    (await ready(service)) && (await ready(upstream)) && (await ready(matching)) ? true : undefined,
  );
}, 60_000);

afterAll(async () => {
  await nc?.close();
  await service?.close();
  await upstream?.close();
  await matching?.close();
  await admin?.end();
  await nats?.stop();
  await database?.drop();
});

async function createProfile(name: string, threshold = 0.99): Promise<string> {
  const result = await admin.query<{ id: string }>(
    `INSERT INTO verification.author_profiles (display_name, settings) VALUES ($1, $2) RETURNING id`,
    [name, JSON.stringify({ autoConfirmThreshold: threshold })],
  );
  return result.rows[0]!.id;
}

let recordCounter = 0;
async function propose(
  work: Work,
  proposals: { profileId: string; position: number; score: number; eligible?: boolean }[],
) {
  recordCounter += 1;
  const record = {
    rawRecordId: `0190${String(recordCounter).padStart(4, '0')}-0000-7000-8000-000000000000`,
    source: work.source,
    sourceId: work.sourceId,
    checksum: `sha256:${String(recordCounter).padStart(64, '0')}`,
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
      matcherVersion: 'test-1',
      trigger: 'record',
      proposals: proposals.map((proposal) => ({
        profileId: proposal.profileId,
        authorPosition: proposal.position,
        score: proposal.score,
        reasons: [{ signal: 'name' as const, contribution: 2, detail: 'same name' }],
        autoConfirmEligible: proposal.eligible ?? false,
        conflict: [],
      })),
    },
  });
  return record;
}

const researcher = (profileId: string) => ({
  role: 'researcher' as const,
  onBehalfOf: profileId,
  accountId: profileId,
});

async function queue(
  profileId: string,
  status?: ('pending' | 'confirmed' | 'auto_confirmed' | 'uncertain' | 'merged')[],
) {
  return callRpc(nc, GetQueueRpc, { actor: researcher(profileId), profileId, ...(status ? { status } : {}) });
}

describe('decisions over real PostgreSQL and NATS', () => {
  it('queues proposals, records every decision once and keeps the counters', async () => {
    const profileId = await createProfile('Queue Owner');
    await propose(works[0]!, [{ profileId, position: 1, score: 0.8 }]);
    await propose(works[1]!, [{ profileId, position: 2, score: 0.6 }]);
    const page = await waitFor(async () => {
      const result = await queue(profileId);
      return result.items.length === 2 ? result : undefined;
    });
    expect(page.items.map((item) => item.score)).toEqual([0.8, 0.6]);
    const [first, second] = page.items;

    const request = {
      actor: researcher(profileId),
      candidateId: first!.id,
      idempotencyKey: 'key-confirm-1',
      via: 'web' as const,
      decision: 'confirm' as const,
      confidence: 'certain' as const,
    };
    const confirmed = await callRpc(nc, VerifyRpc, request);
    expect(confirmed).toMatchObject({ status: 'confirmed', replayed: false });
    expect(confirmed.workId).toBeDefined();
    const replay = await callRpc(nc, VerifyRpc, request);
    expect(replay).toMatchObject({ actId: confirmed.actId, replayed: true });

    await expect(
      callRpc(nc, VerifyRpc, { ...request, idempotencyKey: 'key-confirm-2', decision: 'reject' }),
    ).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: expect.stringContaining(`Candidate ${first!.id} is confirmed; reject`),
    });
    const other = await createProfile('Someone Else');
    await expect(
      callRpc(nc, VerifyRpc, { ...request, actor: researcher(other), idempotencyKey: 'key-other-1' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const batch = await callRpc(nc, VerifyBatchRpc, {
      actor: researcher(profileId),
      profileId,
      idempotencyKey: 'batch-key-1',
      via: 'web',
      candidateIds: [first!.id, second!.id],
      expectedStatus: 'pending',
      decision: 'uncertain',
    });
    expect(batch.items.map((item) => item.outcome)).toEqual(['skipped', 'applied']);

    await callRpc(nc, ReopenRpc, {
      actor: researcher(profileId),
      candidateId: first!.id,
      notes: 'second look',
    });
    const history = await callRpc(nc, GetCandidateHistoryRpc, {
      actor: researcher(profileId),
      candidateId: first!.id,
    });
    expect(history.items.map((act) => [act.decision, act.resultingStatus])).toEqual([
      ['confirm', 'confirmed'],
      ['reopen', 'pending'],
    ]);

    const stats = await callRpc(nc, GetStatsRpc, { actor: researcher(profileId), profileId });
    expect(stats.byStatus).toMatchObject({ pending: 1, uncertain: 1, confirmed: 0 });
    expect(stats.works).toBe(1);
  });

  it('confirms eligible proposals automatically and attaches records of works already on the profile', async () => {
    const profileId = await createProfile('Auto Owner', 0.9);
    await propose(works[2]!, [{ profileId, position: 1, score: 0.97, eligible: true }]);
    const auto = await waitFor(async () => {
      const result = await queue(profileId, ['auto_confirmed']);
      return result.items[0];
    });
    expect(auto.status).toBe('auto_confirmed');

    await propose({ ...works[2]!, source: 'crossref', sourceId: works[2]!.identifiers.doi ?? 'x' }, [
      { profileId, position: 1, score: 0.5 },
    ]);
    const merged = await waitFor(async () => (await queue(profileId, ['merged'])).items[0]);
    expect(merged.source).toBe('crossref');
    const acts = await admin.query(
      `SELECT decision, decided_via FROM verification.verification_acts WHERE profile_id = $1 ORDER BY id`,
      [profileId],
    );
    expect(acts.rows).toEqual([
      { decision: 'confirm', decided_via: 'auto' },
      { decision: 'claim_duplicate', decided_via: 'auto' },
    ]);
  });
});
