import { v7 as uuidv7 } from 'uuid';

import { createPool, pgExecutor } from '@atlas/database';
import { createTestDatabase } from '@atlas/testing';

import type { Pool, PoolClient } from 'pg';

import type { TestDatabase } from '@atlas/testing';

import { markCandidateDecided, replacePendingCandidates } from './pending-candidate.repository';

// A real OpenAlex work of data/real, and the author position the proposal and the decision are about.
const RECORD = { source: 'openalex', sourceId: 'W2741809807' };
const AUTHOR_POSITION = 2;

let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase({ services: ['notification'] });
  pool = createPool(database.services.notification!.runtimeUrl, { max: 4 });
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

async function begin(): Promise<PoolClient> {
  const client = await pool.connect();
  await client.query('BEGIN');
  return client;
}

/**
 * Waits until a statement sent on `client` has finished or waits for a lock, so the test controls
 * which transaction commits first instead of racing the server.
 */
async function finishedOrBlocked(client: PoolClient, pending: Promise<unknown>): Promise<void> {
  const pid = (client as PoolClient & { processID: number }).processID;
  let settled = false;
  void pending.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (settled) return;
    const { rows } = await pool.query<{ wait_event_type: string | null }>(
      'SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1',
      [pid],
    );
    if (rows[0]?.wait_event_type === 'Lock') return;
  }
}

async function commit(client: PoolClient): Promise<void> {
  await client.query('COMMIT');
  client.release();
}

async function pendingRows(profileId: string): Promise<number> {
  const { rows } = await pool.query<{ count: string }>(
    'SELECT count(*) FROM pending_candidates WHERE profile_id = $1',
    [profileId],
  );
  return Number(rows[0]!.count);
}

const propose = (client: PoolClient, profileId: string) =>
  replacePendingCandidates(pgExecutor(client), RECORD.source, RECORD.sourceId, [
    { profileId, authorPosition: AUTHOR_POSITION },
  ]);
const decide = (client: PoolClient, profileId: string) =>
  markCandidateDecided(pgExecutor(client), { profileId, ...RECORD, authorPosition: AUTHOR_POSITION });

describe('pending candidates under concurrent proposal and decision', () => {
  it('leaves no reminder when the decision runs while the proposal is uncommitted', async () => {
    const profileId = uuidv7();
    const proposal = await begin();
    await propose(proposal, profileId);

    const decision = await begin();
    const decided = decide(decision, profileId);
    await finishedOrBlocked(decision, decided);
    await commit(proposal);
    await decided;
    await commit(decision);

    expect(await pendingRows(profileId)).toBe(0);
  });

  it('leaves no reminder when the proposal runs while the decision is uncommitted', async () => {
    const profileId = uuidv7();
    const decision = await begin();
    await decide(decision, profileId);

    const proposal = await begin();
    const proposed = propose(proposal, profileId);
    await finishedOrBlocked(proposal, proposed);
    await commit(decision);
    expect(await proposed).toEqual(new Set());
    await commit(proposal);

    expect(await pendingRows(profileId)).toBe(0);
  });
});
