import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { SERVICE_SCHEMAS } from '@atlas/database';
import type { ServiceName } from '@atlas/database';
import { createTestDatabase, startTestNats } from '@atlas/testing';
import type { TestDatabase, TestNats } from '@atlas/testing';

import { databaseUrlVariable } from '../stack/prepare-database';
import { runDemo } from './demo-run';
import { SUBSET_DOIS, writeDemoSubset } from './demo-subset';

import type { DemoRunResult } from './demo-run';

const root = path.join(__dirname, '..', '..');
const services = Object.keys(SERVICE_SCHEMAS) as ServiceName[];

let database: TestDatabase;
let nats: TestNats;
let folder: string;
let result: DemoRunResult;
const lines: string[] = [];

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'atlas-demo-e2e-'));
  const dataSet = await writeDemoSubset(root, path.join(folder, 'data'));
  database = await createTestDatabase({ services });
  nats = await startTestNats();
  const databaseEnv = Object.fromEntries(
    services.map((service) => [databaseUrlVariable(service), database.services[service]!.runtimeUrl]),
  );
  result = await runDemo({
    root,
    serviceEnv: { NATS_URL: nats.url, REDIS_URL: process.env['REDIS_URL']!, ...databaseEnv },
    adminDatabaseUrl: database.adminUrl,
    natsUrl: nats.url,
    dataSet,
    orcid: '0000-0002-1642-628X',
    logDirectory: path.join(folder, 'logs'),
    log: (line) => lines.push(line),
    idleTimeoutMs: 60_000,
  });
}, 170_000);

afterAll(async () => {
  await nats?.stop();
  await database?.drop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('demo on a subset of the real data', () => {
  it('passes every step of the review session', () => {
    const failed = result.scenario?.steps.filter((step) => !step.ok) ?? [];
    expect({ failed, log: failed.length > 0 ? lines : [] }).toEqual({ failed: [], log: [] });
    expect(result.scenario?.steps).toHaveLength(12);
    expect(result.passed).toBe(true);
  });

  it('loads every record and profile of the subset', () => {
    expect(result.summary?.records).toBe(SUBSET_DOIS.length + 1);
    expect(result.summary?.profiles).toBe(1);
  });

  it('counts the session in the result line', () => {
    expect(result.resultLine).toMatch(
      /^RESULT demo records=22 candidates=\d+ decisions=5 works=\d+ notifications=\d+$/,
    );
    expect(result.scenario?.decisions).toBe(5);
    expect(result.scenario?.notifications).toBeGreaterThanOrEqual(1);
  });
});
