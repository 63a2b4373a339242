import path from 'node:path';

import pino from 'pino';

import type { FastifyBaseLogger } from 'fastify';
import type { Pool } from 'pg';

import { createPool } from '@atlas/database';
import { claimRun, releaseRun } from '@atlas/ingest-import';
import { findWorkspaceRoot } from '@atlas/local-stack';
import { createTestDatabase } from '@atlas/testing';
import type { TestDatabase } from '@atlas/testing';

import { ImportJobs } from './import-jobs';

const FILE = path.join(
  findWorkspaceRoot(),
  'data/real/openalex/api_responses/openalexpro_keypaper_works_page.json.gz',
);
const ACCOUNT = '01a24273-247f-7c2c-bdc4-25ae73bc02a1';
const silent = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;

let database: TestDatabase;
let pool: Pool;

async function statusOf(runId: string): Promise<string> {
  const { rows } = await pool.query<{ status: string }>('SELECT status FROM import_runs WHERE id = $1', [
    runId,
  ]);
  return rows[0]!.status;
}

/** Claims a run and lets go of it without importing, as a process killed right after the claim does. */
async function abandonedRun(requestedBy?: string): Promise<string> {
  const claimed = await claimRun(pool, {
    inputs: [FILE],
    resume: 'never',
    ...(requestedBy ? { requestedBy } : {}),
  });
  await releaseRun(claimed);
  return claimed.run.id;
}

beforeAll(async () => {
  database = await createTestDatabase({ services: ['ingest'] });
  pool = createPool(database.services.ingest!.runtimeUrl);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('ImportJobs.resumeAbandoned', () => {
  it('finishes a service run that a dead process left', async () => {
    const runId = await abandonedRun(ACCOUNT);
    const jobs = new ImportJobs(pool, silent);

    const resumed = await jobs.resumeAbandoned();
    const deadline = Date.now() + 20_000;
    while ((await statusOf(runId)) !== 'succeeded' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await jobs.close();

    expect(resumed).toEqual([runId]);
    expect(await statusOf(runId)).toBe('succeeded');
  });

  it('leaves command-line runs and claimed runs alone', async () => {
    const commandLineRun = await abandonedRun();
    const claimedElsewhere = await claimRun(pool, { inputs: [FILE], resume: 'never', requestedBy: ACCOUNT });
    const jobs = new ImportJobs(pool, silent);

    const resumed = await jobs.resumeAbandoned();
    await jobs.close();
    await releaseRun(claimedElsewhere);

    expect(resumed).toEqual([]);
    expect(await statusOf(commandLineRun)).toBe('queued');
    expect(await statusOf(claimedElsewhere.run.id)).toBe('queued');
  });
});
