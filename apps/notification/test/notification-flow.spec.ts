import { Redis } from 'ioredis';
import { v7 as uuidv7 } from 'uuid';

import type { Static, TSchema } from 'typebox';

import {
  CandidateFlaggedV1,
  CandidatesProposedV1,
  DecisionRecordedV1,
  ListNotificationsRpc,
  MarkAllNotificationsReadRpc,
  MarkNotificationReadRpc,
  NotificationCreatedV1,
  ProfileChangedV1,
  ProfileErasedV1,
  ProfileSyncFinishedV1,
  WorkConfirmedV1,
} from '@atlas/contracts';
import type { RpcDefinition } from '@atlas/contracts';
import { callRpc } from '@atlas/messaging';
import { waitFor } from '@atlas/service-testing';

import { exampleData, publishEvent, publishRaw } from './published-events';
import { openSse } from './sse-client';
import { startHarness } from './notification-harness';

import type { NotificationHarness } from './notification-harness';
import type { SseConnection } from './sse-client';

/** Development header through which the gateway takes the caller's profile until sign-in exists. */
const DEVELOPMENT_PROFILE_HEADER = 'x-atlas-dev-profile-id';

let harness: NotificationHarness;
const connections: SseConnection[] = [];

beforeAll(async () => {
  harness = await startHarness({
    ATLAS_NOTIFICATION_AGGREGATION_WINDOW_MS: '400',
    ATLAS_NOTIFICATION_JOB_INTERVAL_MS: '100',
  });
}, 60_000);

afterEach(() => connections.splice(0).forEach((connection) => connection.close()));

afterAll(async () => {
  await harness?.stop();
});

interface StoredNotification {
  id: string;
  type: string;
  title: string;
  body: string | null;
}

async function notificationsOf(profileId: string): Promise<StoredNotification[]> {
  const { rows } = await harness.db.query<StoredNotification>(
    'SELECT id, type, title, body FROM notification.notifications WHERE profile_id = $1 ORDER BY id',
    [profileId],
  );
  return rows;
}

async function waitForNotifications(profileId: string, count: number): Promise<StoredNotification[]> {
  let rows: StoredNotification[] = [];
  await waitFor(async () => {
    rows = await notificationsOf(profileId);
    return rows.length >= count;
  }, `${count} notifications of ${profileId}`);
  return rows;
}

async function publishProfile(
  profileId: string,
  version: number,
  overrides: { name?: string; email?: string } = {},
) {
  const data = exampleData(ProfileChangedV1);
  data.profileId = profileId;
  data.displayName = overrides.name ?? 'Heather Piwowar';
  data.contactEmail = overrides.email ?? 'heather@example.org';
  data.settings.notificationFrequency = 'daily';
  data.changes = version === 1 ? ['created'] : ['affiliations'];
  await publishEvent(harness.js, ProfileChangedV1, data, { entityId: profileId, entityVersion: version });
}

async function pendingCount(profileId: string): Promise<number> {
  const { rows } = await harness.db.query<{ count: string }>(
    'SELECT count(*) FROM notification.pending_candidates WHERE profile_id = $1',
    [profileId],
  );
  return Number(rows[0]!.count);
}

async function contactOf(profileId: string) {
  const { rows } = await harness.db.query<{ display_name: string; erased_at: Date | null }>(
    'SELECT display_name, erased_at FROM notification.profile_contacts WHERE profile_id = $1',
    [profileId],
  );
  return rows[0];
}

async function knownProfiles(...profileIds: string[]): Promise<void> {
  for (const profileId of profileIds) await publishProfile(profileId, 1);
  await waitFor(
    async () => (await Promise.all(profileIds.map(contactOf))).every(Boolean),
    'profile contacts',
  );
}

function proposals(
  record: { sourceId: string },
  entries: { profileId: string; position: number; conflict?: string[] }[],
) {
  const data = exampleData(CandidatesProposedV1);
  data.record = { ...data.record, rawRecordId: uuidv7(), sourceId: record.sourceId };
  data.proposals = entries.map((entry) => ({
    ...data.proposals[0]!,
    profileId: entry.profileId,
    authorPosition: entry.position,
    autoConfirmEligible: !entry.conflict?.length,
    conflict: entry.conflict ?? [],
  }));
  return data;
}

function confirmation(profileId: string, sourceId: string, position: number) {
  const data = exampleData(DecisionRecordedV1);
  return {
    ...data,
    actId: uuidv7(),
    candidateId: uuidv7(),
    profileId,
    authorPosition: position,
    record: { ...data.record, sourceId },
    decidedBy: { role: 'researcher' as const, onBehalfOf: profileId },
  };
}

function flag(profileId: string) {
  const data = exampleData(CandidateFlaggedV1);
  return { ...data, candidateId: uuidv7(), profileId };
}

function streamUrl(): string {
  return `${harness.gatewayUrl}/notifications/stream`;
}

async function openStream(profileId: string, lastEventId?: string): Promise<SseConnection> {
  const headers: Record<string, string> = { [DEVELOPMENT_PROFILE_HEADER]: profileId };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const connection = await openSse(streamUrl(), headers);
  connections.push(connection);
  return connection;
}

describe('notification service', () => {
  it('notifies a rival profile of a decision and streams it', async () => {
    const [owner, rival] = [uuidv7(), uuidv7()];
    await knownProfiles(owner, rival);
    const record = { sourceId: `W${Date.now()}` };
    await publishEvent(
      harness.js,
      CandidatesProposedV1,
      proposals(record, [
        { profileId: owner, position: 2, conflict: [rival] },
        { profileId: rival, position: 2, conflict: [owner] },
      ]),
      { entityId: record.sourceId },
    );
    const before = await waitForNotifications(rival, 1);
    expect(before.map((row) => row.type)).toContain('position_conflict');
    const stream = await openStream(rival);
    expect(stream.status).toBe(200);

    await publishEvent(harness.js, DecisionRecordedV1, confirmation(owner, record.sourceId, 2), {
      entityId: owner,
    });

    const [event] = await stream.waitForEvents(1);
    const rows = await notificationsOf(rival);
    const claimed = rows.find((row) => row.title.startsWith('Another profile confirmed'));
    expect(claimed).toBeDefined();
    expect(event!.id).toBe(claimed!.id);
    expect(event!.event).toBe('notification');
    expect(JSON.parse(event!.data)).toMatchObject({
      id: claimed!.id,
      profileId: rival,
      type: 'position_conflict',
      read: false,
    });
  });

  it('aggregates new candidates into one notification', async () => {
    const profileId = uuidv7();
    await knownProfiles(profileId);
    for (let index = 0; index < 3; index += 1) {
      const record = { sourceId: `W${Date.now()}${index}` };
      await publishEvent(harness.js, CandidatesProposedV1, proposals(record, [{ profileId, position: 1 }]), {
        entityId: record.sourceId,
      });
    }

    const rows = await waitForNotifications(profileId, 1);
    await new Promise((done) => setTimeout(done, 600));
    const aggregated = (await notificationsOf(profileId)).filter((row) => row.type === 'new_candidates');
    expect(rows.length).toBeGreaterThan(0);
    expect(aggregated).toHaveLength(1);
    expect(aggregated[0]!.title).toBe('3 new candidate publications to review');
  });

  it('replays missed notifications after Last-Event-ID', async () => {
    const profileId = uuidv7();
    await knownProfiles(profileId);
    const first = await openStream(profileId);
    await publishEvent(harness.js, CandidateFlaggedV1, flag(profileId), { entityId: profileId });
    const [seen] = await first.waitForEvents(1);
    first.close();

    await publishEvent(harness.js, CandidateFlaggedV1, flag(profileId), { entityId: profileId });
    await publishEvent(harness.js, CandidateFlaggedV1, flag(profileId), { entityId: profileId });
    const missed = (await waitForNotifications(profileId, 3)).slice(1);

    const second = await openStream(profileId, seen!.id);
    await second.waitForEvents(2);
    await publishEvent(harness.js, CandidateFlaggedV1, flag(profileId), { entityId: profileId });
    const events = await second.waitForEvents(3);
    const all = await notificationsOf(profileId);

    expect(events.map((event) => event.id)).toEqual([missed[0]!.id, missed[1]!.id, all[3]!.id]);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  });

  it('closes a run with its candidates', async () => {
    const profileId = uuidv7();
    await knownProfiles(profileId);
    const record = { sourceId: `W${Date.now()}` };
    await publishEvent(harness.js, CandidatesProposedV1, proposals(record, [{ profileId, position: 1 }]), {
      entityId: record.sourceId,
    });
    await waitFor(async () => (await pendingCount(profileId)) === 1, 'the pending candidate');
    const sync = { ...exampleData(ProfileSyncFinishedV1), profileId, profileSyncId: uuidv7() };
    await publishEvent(harness.js, ProfileSyncFinishedV1, sync, { entityId: sync.profileSyncId });

    const rows = await waitForNotifications(profileId, 2);

    // The window may also close first under load, so only the pair is checked, not its order.
    expect(rows.map((row) => row.type).sort()).toEqual(['new_candidates', 'sync_finished']);
    expect(rows.find((row) => row.type === 'new_candidates')!.title).toBe(
      '1 new candidate publication to review',
    );
    const summary = rows.find((row) => row.type === 'sync_finished')!;
    expect(summary.title).toBe('Synchronisation finished');
    expect(summary.body).toBe('3 new records, 1 changed record, 0 removed records.');
  });

  it('adds no reminder for a position decided before its proposal', async () => {
    const profileId = uuidv7();
    await knownProfiles(profileId);
    const record = { sourceId: `W${Date.now()}` };
    const applied = async (eventId: string) => {
      const { rows } = await harness.db.query('SELECT 1 FROM notification.inbox_events WHERE event_id = $1', [
        eventId,
      ]);
      return rows.length === 1;
    };

    // The two events travel on different consumers, so the decision may be applied first.
    const decision = await publishEvent(
      harness.js,
      DecisionRecordedV1,
      confirmation(profileId, record.sourceId, 3),
      { entityId: profileId },
    );
    await waitFor(() => applied(decision.id), 'the decision');
    const proposal = await publishEvent(
      harness.js,
      CandidatesProposedV1,
      proposals(record, [{ profileId, position: 3 }]),
      { entityId: record.sourceId },
    );
    await waitFor(() => applied(proposal.id), 'the proposal');

    expect(await pendingCount(profileId)).toBe(0);
  });

  it('unsubscribes when the client disconnects', async () => {
    const profileId = uuidv7();
    const redis = new Redis(process.env.REDIS_URL ?? '');
    const subscribers = async () => {
      const reply = (await redis.pubsub('NUMSUB', `atlas:notifications:${profileId}`)) as [string, number];
      return Number(reply[1]);
    };
    try {
      const stream = await openStream(profileId);
      await waitFor(async () => (await subscribers()) === 1, 'the gateway to subscribe');
      stream.close();

      await waitFor(async () => (await subscribers()) === 0, 'the gateway to unsubscribe');
      expect(await subscribers()).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('sends heartbeats on an idle stream', async () => {
    const stream = await openStream(uuidv7());
    await waitFor(async () => stream.comments >= 2, 'two heartbeats', 5_000);
    expect(stream.comments).toBeGreaterThanOrEqual(2);
  });

  it('rejects a stream without a profile', async () => {
    const stream = await openSse(streamUrl(), {});
    connections.push(stream);
    expect(stream.status).toBe(401);
  });

  it('drops notifications of unknown profiles and keeps consuming', async () => {
    const unknown = uuidv7();
    const known = uuidv7();
    await knownProfiles(known);
    await publishEvent(harness.js, CandidateFlaggedV1, flag(unknown), { entityId: unknown });
    await publishEvent(harness.js, CandidateFlaggedV1, flag(known), { entityId: known });

    await waitForNotifications(known, 1);
    expect(await notificationsOf(unknown)).toEqual([]);
  });

  it('dead-letters an invalid event and keeps consuming', async () => {
    const profileId = uuidv7();
    await knownProfiles(profileId);
    const invalidId = uuidv7();
    const invalid = { id: invalidId, type: CandidateFlaggedV1.type, version: 1, data: { profileId } };
    await publishRaw(harness.js, CandidateFlaggedV1.subject, invalidId, invalid);
    await publishEvent(harness.js, CandidateFlaggedV1, flag(profileId), { entityId: profileId });

    await waitForNotifications(profileId, 1);
    const stored = await harness.jsm.streams.getMessage('DEAD_LETTERS', {
      last_by_subj: 'atlas.dlq.notification.notification_candidate_flagged_v1',
    });
    expect(stored).not.toBeNull();
    expect(stored!.string()).toContain(invalidId);
    expect(JSON.stringify(stored!.header ? Object.fromEntries(stored!.header) : stored!.string())).toMatch(
      /invalid|schema|must/i,
    );
  });

  it('notifies co-authors when a shared work is confirmed', async () => {
    const [confirming, coauthor] = [uuidv7(), uuidv7()];
    await publishProfile(confirming, 1, { name: 'Jason Priem' });
    await knownProfiles(coauthor);
    const data = { ...exampleData(WorkConfirmedV1), profileId: confirming, coauthorProfileIds: [coauthor] };
    await publishEvent(harness.js, WorkConfirmedV1, data, { entityId: data.workId });

    const [row] = await waitForNotifications(coauthor, 1);
    expect(row!.type).toBe('coauthor_verified');
    expect(row!.title).toBe('Jason Priem confirmed a publication you share');
  });

  it('ignores older profile versions and forgets erased profiles', async () => {
    const profileId = uuidv7();
    await knownProfiles(profileId);
    await publishProfile(profileId, 3, { name: 'Heather A. Piwowar' });
    await publishProfile(profileId, 2, { name: 'H. Piwowar' });
    await waitForNotifications(profileId, 1);
    await new Promise((done) => setTimeout(done, 300));
    expect((await contactOf(profileId))!.display_name).toBe('Heather A. Piwowar');

    const erased = { profileId, erasedAt: new Date().toISOString() };
    await publishEvent(harness.js, ProfileErasedV1, erased, { entityId: profileId, entityVersion: 4 });
    await waitFor(async () => (await contactOf(profileId))?.erased_at != null, 'the erasure');
    await publishEvent(harness.js, CandidateFlaggedV1, flag(profileId), { entityId: profileId });
    await publishProfile(profileId, 5);
    await new Promise((done) => setTimeout(done, 300));

    expect(await notificationsOf(profileId)).toEqual([]);
    expect((await contactOf(profileId))!.display_name).toBe('');
  });

  it('publishes notification created events', async () => {
    const profileId = uuidv7();
    await knownProfiles(profileId);
    await publishEvent(harness.js, CandidateFlaggedV1, flag(profileId), { entityId: profileId });
    const [row] = await waitForNotifications(profileId, 1);

    let found: string | undefined;
    await waitFor(async () => {
      const message = await harness.jsm.streams
        .getMessage('NOTIFICATION', { last_by_subj: NotificationCreatedV1.subject })
        .catch(() => null);
      found = message?.json<{ data: { id: string } }>().data.id;
      return found === row!.id;
    }, 'the notification created event');
    expect(found).toBe(row!.id);
  });
});

describe('gateway documents', () => {
  it('serves the AsyncAPI document', async () => {
    const response = await fetch(`${harness.gatewayUrl}/asyncapi.json`);
    const document = (await response.json()) as { asyncapi: string; channels: Record<string, unknown> };

    expect(response.status).toBe(200);
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.keys(document.channels).length).toBeGreaterThan(0);
  });
});

describe('notification operations', () => {
  const rpc = <Request extends TSchema, Result extends TSchema>(
    definition: RpcDefinition<Request, Result>,
    request: Static<Request>,
  ) => callRpc(harness.nc, definition, request);
  const actor = (profileId: string) => ({ role: 'researcher' as const, onBehalfOf: profileId });

  it('lists pages and marks notifications read', async () => {
    const profileId = uuidv7();
    await knownProfiles(profileId);
    for (let index = 0; index < 3; index += 1)
      await publishEvent(harness.js, CandidateFlaggedV1, flag(profileId), { entityId: profileId });
    const rows = await waitForNotifications(profileId, 3);
    const call = rpc;

    const first = await call(ListNotificationsRpc, { actor: actor(profileId), profileId, limit: 2 });
    const second = await call(ListNotificationsRpc, {
      actor: actor(profileId),
      profileId,
      limit: 2,
      cursor: first.nextCursor!,
    });
    const read = await call(MarkNotificationReadRpc, {
      actor: actor(profileId),
      profileId,
      notificationId: rows[0]!.id,
    });
    const all = await call(MarkAllNotificationsReadRpc, { actor: actor(profileId), profileId });
    const unread = await call(ListNotificationsRpc, { actor: actor(profileId), profileId, unreadOnly: true });

    expect(first.items.map((item) => item.id)).toEqual([rows[2]!.id, rows[1]!.id]);
    expect(first.unread).toBe(3);
    expect(second.items.map((item) => item.id)).toEqual([rows[0]!.id]);
    expect(second.nextCursor).toBeNull();
    expect(read.read).toBe(true);
    expect(all.marked).toBe(2);
    expect(unread.items).toEqual([]);
    expect(unread.unread).toBe(0);
  });

  it('rejects reading another profile', async () => {
    const call = rpc;
    await expect(
      call(ListNotificationsRpc, { actor: actor(uuidv7()), profileId: uuidv7() }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
