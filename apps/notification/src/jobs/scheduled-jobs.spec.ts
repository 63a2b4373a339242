import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';

import { createPool, pgExecutor } from '@atlas/database';
import { createTestDatabase } from '@atlas/testing';

import type { Pool } from 'pg';

import type { TestDatabase } from '@atlas/testing';

import { addToAggregation } from '../repositories/candidate-aggregation.repository';
import { replacePendingCandidates } from '../repositories/pending-candidate.repository';
import { upsertProfileContact } from '../repositories/profile-contact.repository';
import { flushCandidateAggregations } from './aggregation-flush.job';
import { sendPendingReminders } from './reminder.job';

const log = pino({ level: 'silent' });
const DAY_MS = 86_400_000;
let database: TestDatabase;
let pool: Pool;
let owner: Pool;

beforeAll(async () => {
  database = await createTestDatabase({ services: ['notification'] });
  pool = createPool(database.services.notification!.runtimeUrl, { max: 4 });
  owner = createPool(database.services.notification!.ownerUrl, { max: 1 });
});

afterAll(async () => {
  await pool?.end();
  await owner?.end();
  await database?.drop();
});

async function knownProfile(): Promise<string> {
  const profileId = uuidv7();
  await upsertProfileContact(pgExecutor(pool), {
    profileId,
    displayName: 'Heather Piwowar',
    notificationFrequency: 'never',
    entityVersion: 1,
  });
  return profileId;
}

async function notificationsOf(profileId: string) {
  const { rows } = await owner.query<{ type: string; title: string }>(
    'SELECT type, title FROM notification.notifications WHERE profile_id = $1 ORDER BY id',
    [profileId],
  );
  return rows;
}

describe('candidate aggregation flush', () => {
  it('flushes each aggregation once across concurrent runs', async () => {
    const profileId = await knownProfile();
    await addToAggregation(pgExecutor(pool), profileId, 2, 0);
    await addToAggregation(pgExecutor(pool), profileId, 3, 1);

    const flushed = await Promise.all([0, 1, 2].map(() => flushCandidateAggregations(pool, 0, log)));

    expect(flushed.reduce((sum, count) => sum + count, 0)).toBe(1);
    const rows = await notificationsOf(profileId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.title).toBe('5 new candidate publications to review');
  });

  it('keeps an open window', async () => {
    const profileId = await knownProfile();
    await addToAggregation(pgExecutor(pool), profileId, 1, 0);

    expect(await flushCandidateAggregations(pool, 60_000, log)).toBe(0);
    expect(await notificationsOf(profileId)).toEqual([]);
  });
});

describe('pending reminders', () => {
  it('reminds once per interval of candidates pending too long', async () => {
    const profileId = await knownProfile();
    const proposals = [1, 2].map((authorPosition) => ({ profileId, authorPosition }));
    await replacePendingCandidates(pgExecutor(pool), 'openalex', `W${Date.now()}`, proposals);
    await owner.query(
      `UPDATE notification.pending_candidates SET proposed_at = now() - interval '20 days' WHERE profile_id = $1`,
      [profileId],
    );
    const settings = { pendingAgeMs: 14 * DAY_MS, intervalMs: 7 * DAY_MS };

    const first = await Promise.all([0, 1].map(() => sendPendingReminders(pool, settings, log)));
    const second = await sendPendingReminders(pool, settings, log);

    expect(first.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(second).toBe(0);
    const rows = await notificationsOf(profileId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.type).toBe('candidates_pending_reminder');
    expect(rows[0]!.title).toBe('2 candidate publications waiting for your review');
  });

  it('skips candidates still young', async () => {
    const profileId = await knownProfile();
    await replacePendingCandidates(pgExecutor(pool), 'hal', `hal-${Date.now()}`, [
      { profileId, authorPosition: 1 },
    ]);

    await sendPendingReminders(pool, { pendingAgeMs: 14 * DAY_MS, intervalMs: 7 * DAY_MS }, log);

    expect(await notificationsOf(profileId)).toEqual([]);
  });
});
