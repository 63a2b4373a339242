import { setTimeout as sleep } from 'node:timers/promises';

import { newId } from '@atlas/database';

import { PREFIX, SyncHarness, profileChanged, routeRealResponses } from './sync-harness';

let harness: SyncHarness;

beforeAll(async () => {
  harness = await SyncHarness.start();
  routeRealResponses(harness.replay);
  const scheduled = { ATLAS_SYNC_ENABLED: 'true', ATLAS_SYNC_TICK_SECONDS: '1', ATLAS_SYNC_CONCURRENCY: '4' };
  await Promise.all([harness.startIngest(scheduled), harness.startIngest(scheduled)]);
}, 90_000);

afterAll(async () => {
  await harness?.close();
});

describe('scheduled synchronisation on two replicas', () => {
  it('synchronises each profile and source once per period', async () => {
    const profileIds = [newId(), newId(), newId(), newId()];
    for (const profileId of profileIds)
      await harness.publishProfile(profileChanged(profileId, ['openalex', 'hal']));

    for (const profileId of profileIds) await harness.settledRuns(profileId, 1);
    // A few more scheduler ticks on both replicas, which must find nothing due.
    await sleep(3000);

    const runs = await harness.pool.query<{
      profile_id: string;
      source: string;
      runs: string;
      statuses: string[];
    }>(
      `SELECT profile_id, source, count(*) AS runs, array_agg(status) AS statuses
       FROM sync_runs GROUP BY profile_id, source ORDER BY profile_id, source`,
    );
    expect(runs.rows).toHaveLength(8);
    for (const row of runs.rows) {
      expect({
        profile: row.profile_id,
        source: row.source,
        runs: Number(row.runs),
        statuses: row.statuses,
      }).toEqual({
        profile: row.profile_id,
        source: row.source,
        runs: 1,
        statuses: ['succeeded'],
      });
    }
    // Each profile: two OpenAlex queries of two pages, two HAL queries of one page.
    expect(harness.replay.requestsTo(`${PREFIX.openalex}/works`)).toHaveLength(4 * profileIds.length);
    expect(harness.replay.requestsTo(PREFIX.hal)).toHaveLength(2 * profileIds.length);
    const due = await harness.pool.query<{ due_at: Date }>('SELECT due_at FROM sync_cursors');
    expect(due.rows.every((row) => row.due_at.getTime() > Date.now())).toBe(true);
  });
});
