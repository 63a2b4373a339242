import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';

import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';

import type { NatsConnection } from '@nats-io/nats-core';

import { loadConfig } from '@atlas/config';
import { FindRawRecordsRpc, GetImportRunRpc, GetRawRecordRpc, StartImportRpc } from '@atlas/contracts';
import type { Actor } from '@atlas/contracts';
import { findWorkspaceRoot } from '@atlas/local-stack';
import { RpcCallError, callRpc } from '@atlas/messaging';
import { buildService } from '@atlas/service-runtime';
import type { AtlasServer } from '@atlas/service-runtime';
import { createTestDatabase, startTestNats } from '@atlas/testing';
import type { TestDatabase, TestNats } from '@atlas/testing';

import app from '../src/app';
import { IngestConfigSchema } from '../src/config';

const ROOT = findWorkspaceRoot();
const WORK_FILE = 'data/real/openalex/api_responses/bvitamins_work_W2741809807.json.gz';
const PAGE_FILE = 'data/real/openalex/api_responses/openalexpro_keypaper_works_page.json.gz';
const ADMIN: Actor = { role: 'admin' };
const silent = () => new Writable({ write: (_chunk, _encoding, done) => done() });

let database: TestDatabase;
let nats: TestNats;
let service: AtlasServer;
let nc: NatsConnection;
let owner: Client;
let importDir: string;

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for the condition`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  [database, nats] = await Promise.all([createTestDatabase({ services: ['ingest'] }), startTestNats()]);
  importDir = mkdtempSync(path.join(tmpdir(), 'atlas-import-dir-'));
  mkdirSync(path.join(importDir, 'openalex'));
  for (const file of [WORK_FILE, PAGE_FILE]) {
    copyFileSync(path.join(ROOT, file), path.join(importDir, 'openalex', path.basename(file)));
  }
  symlinkSync(path.join(ROOT, WORK_FILE), path.join(importDir, 'outside.json.gz'));

  owner = new Client({ connectionString: database.services.ingest!.ownerUrl });
  await owner.connect();
  const config = loadConfig(IngestConfigSchema, {
    DATABASE_URL: database.services.ingest!.runtimeUrl,
    NATS_URL: nats.url,
    REDIS_URL: process.env['REDIS_URL'] ?? '',
    ATLAS_LOG_LEVEL: 'warn',
    ATLAS_SHUTDOWN_TIMEOUT_MS: '1000',
    ATLAS_IMPORT_DIR: importDir,
  });
  service = await buildService({
    name: 'ingest',
    config: { ...config, port: 0 },
    logStream: silent(),
    app,
  });
  nc = await connect({ servers: nats.url, name: 'ingest-rpc-test' });
  await waitFor(async () =>
    (await service.inject({ url: '/health/ready' })).statusCode === 200 ? true : undefined,
  );
}, 60_000);

afterAll(async () => {
  await nc?.close();
  await service?.close();
  await owner?.end();
  await nats?.stop();
  await database?.drop();
  if (importDir) rmSync(importDir, { recursive: true, force: true });
});

describe('ingest operations over NATS', () => {
  it('imports a folder inside the import folder', async () => {
    const { importRunId } = await callRpc(nc, StartImportRpc, {
      actor: ADMIN,
      input: { kind: 'path', path: 'openalex' },
    });

    const run = await waitFor(async () => {
      const current = await callRpc(nc, GetImportRunRpc, { actor: ADMIN, importRunId });
      return current.state === 'succeeded' || current.state === 'failed' ? current : undefined;
    });

    expect(run.state).toBe('succeeded');
    expect(run.inserted).toBeGreaterThan(1);
    expect(run.rejected).toBe(0);
    expect(run.input).toMatch(/^openalex\//);
  });

  it('rejects a link that leads outside the import folder', async () => {
    const request = callRpc(nc, StartImportRpc, {
      actor: ADMIN,
      input: { kind: 'path', path: 'outside.json.gz' },
    });

    await expect(request).rejects.toBeInstanceOf(RpcCallError);
    await expect(request).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('outside.json.gz'),
    });
  });

  it('returns a raw record by id', async () => {
    const stored = await owner.query<{ id: string }>(
      `SELECT id FROM ingest.raw_records WHERE source = 'openalex' AND source_id = 'W2741809807'`,
    );

    const record = await callRpc(nc, GetRawRecordRpc, { rawRecordId: stored.rows[0]!.id });

    expect(record).toMatchObject({ id: stored.rows[0]!.id, source: 'openalex', sourceId: 'W2741809807' });
    expect((record.data as { doi: string }).doi).toBe('https://doi.org/10.7717/peerj.4375');
  });

  it('rejects an unknown raw record id', async () => {
    const request = callRpc(nc, GetRawRecordRpc, { rawRecordId: '01936f3e-0000-7000-8000-000000000000' });

    await expect(request).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('finds raw records by DOI', async () => {
    const { items } = await callRpc(nc, FindRawRecordsRpc, { doi: '10.7717/peerj.4375' });

    expect(items.map((item) => `${item.source}:${item.sourceId}`)).toContain('openalex:W2741809807');
  });

  it('finds raw records by source id', async () => {
    const { items } = await callRpc(nc, FindRawRecordsRpc, { source: 'openalex', sourceId: 'W2741809807' });

    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ source: 'openalex', sourceId: 'W2741809807', entityType: 'work' });
  });
});
