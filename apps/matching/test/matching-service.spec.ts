import { Writable } from 'node:stream';

import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

import { Pool } from 'pg';

import type { NatsConnection } from '@nats-io/nats-core';

import { loadConfig } from '@atlas/config';
import { CandidatesProposedV1, ProfileChangedV1, RecordStoredV1 } from '@atlas/contracts';
import { newId } from '@atlas/database';
import { buildService } from '@atlas/service-runtime';
import { createTestDatabase, startTestNats } from '@atlas/testing';

import type { EventData, EventDefinition, EventEnvelope, Work } from '@atlas/contracts';
import type { AtlasServer } from '@atlas/service-runtime';
import type { TestDatabase, TestNats } from '@atlas/testing';
import type { TSchema } from 'typebox';

import app from '../src/app';
import { MatchingConfigSchema } from '../src/config';
import { loadAuthors, loadWorks, profileFromAuthor } from './real-fixtures';

type Proposed = EventEnvelope<EventData<typeof CandidatesProposedV1>>;

const PRIEM = 'A5023888391';
const PIWOWAR = 'A5048491430';
const KUNCHEVA = 'A5039168231';
const STATE_OF_OA = 'W2741809807';
const PRIEM_PIWOWAR = 'W2051771537';
const KUNCHEVA_WORK = 'W2108343180';
const ids = { priem: newId(), piwowar: newId(), kuncheva: newId(), namesake: newId() };

function envelope<D extends TSchema>(
  definition: EventDefinition<D>,
  entityId: string,
  entityVersion: number,
  data: unknown,
) {
  return {
    id: newId(),
    type: definition.type,
    version: definition.version,
    source: definition.service,
    time: new Date().toISOString(),
    entityId,
    entityVersion,
    data,
  };
}

async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the condition.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('matching service', () => {
  let database: TestDatabase;
  let nats: TestNats;
  let server: AtlasServer;
  let client: NatsConnection;
  let pool: Pool;
  const proposed: Proposed[] = [];
  let works: Map<string, Work>;
  let authors: ReturnType<typeof loadAuthors>;

  async function publish(subject: string, body: { id: string }, msgID = body.id): Promise<void> {
    await jetstream(client).publish(subject, JSON.stringify(body), { msgID });
  }

  async function storeRecord(workId: string): Promise<string> {
    const work = works.get(workId) as Work;
    const rawRecordId = newId();
    const data = {
      record: {
        rawRecordId,
        source: 'openalex',
        sourceId: work.sourceId,
        checksum: `sha256:${'ab'.repeat(32)}`,
      },
      work: { kind: 'inline', value: work },
      origin: {},
    };
    await publish(RecordStoredV1.subject, envelope(RecordStoredV1, rawRecordId, 1, data));
    return rawRecordId;
  }

  async function changeProfile(profileId: string, authorId: string, version: number, extra = {}) {
    const data = profileFromAuthor(profileId, authors.get(authorId)!, extra);
    const event = envelope(ProfileChangedV1, profileId, version, data);
    await publish(ProfileChangedV1.subject, event);
    return event;
  }

  async function profileVersion(profileId: string): Promise<number | undefined> {
    const found = await pool.query('SELECT entity_version FROM profiles WHERE profile_id = $1', [profileId]);
    return found.rows[0]?.entity_version as number | undefined;
  }

  const proposalsFor = (sourceId: string) =>
    proposed.filter((event) => event.data.record.sourceId === sourceId);

  beforeAll(async () => {
    works = loadWorks([STATE_OF_OA, PRIEM_PIWOWAR, KUNCHEVA_WORK]);
    authors = loadAuthors([PRIEM, PIWOWAR, KUNCHEVA]);
    database = await createTestDatabase({ services: ['matching'] });
    nats = await startTestNats();
    const config = loadConfig(MatchingConfigSchema, {
      DATABASE_URL: database.services.matching!.runtimeUrl,
      NATS_URL: nats.url,
      ATLAS_LOG_LEVEL: 'warn',
      ATLAS_MATCHING_SUGGEST_THRESHOLD: '0.3',
      ATLAS_MATCHING_AUTO_CONFIRM_FLOOR: '0.99',
      ATLAS_MATCHING_AUTO_REJECT_THRESHOLD: '0.02',
    });
    const logStream = new Writable({ write: (_chunk, _encoding, done) => done() });
    server = await buildService({ name: 'matching', config, app, logStream });
    await waitFor(async () =>
      (await server.inject({ url: '/health/ready' })).statusCode === 200 ? true : undefined,
    );
    pool = new Pool({ connectionString: database.services.matching!.runtimeUrl, max: 2 });
    client = await connect({ servers: nats.url });
    client.subscribe(CandidatesProposedV1.subject, {
      callback: (_error, message) => {
        proposed.push(message.json<Proposed>());
      },
    });
  }, 120_000);

  afterAll(async () => {
    await client?.drain();
    await pool?.end();
    await server?.close();
    await nats?.stop();
    await database?.drop();
  });

  it('proposes a record to an existing profile with reasons', async () => {
    await changeProfile(ids.priem, PRIEM, 1);
    await waitFor(async () => ((await profileVersion(ids.priem)) === 1 ? true : undefined));
    await storeRecord(STATE_OF_OA);

    const event = await waitFor(() => proposalsFor(STATE_OF_OA)[0]);
    expect(event.data.trigger).toBe('record');
    expect(event.data.matcherVersion).toContain('0.3/0.99/0.02');
    const proposal = event.data.proposals.find((p) => p.profileId === ids.priem);
    expect(proposal?.reasons.map((reason) => reason.signal)).toEqual(
      expect.arrayContaining(['orcid', 'name']),
    );
    for (const p of event.data.proposals) {
      expect(p.score).toBeGreaterThanOrEqual(0.3);
      if (p.autoConfirmEligible) expect(p.score).toBeGreaterThanOrEqual(0.99);
    }
  });

  it('matches a record that arrived before its profile when the profile arrives', async () => {
    await storeRecord(PRIEM_PIWOWAR);
    await waitFor(() => proposalsFor(PRIEM_PIWOWAR)[0]);
    await changeProfile(ids.piwowar, PIWOWAR, 1);

    const event = await waitFor(() =>
      proposalsFor(PRIEM_PIWOWAR).find((e) => e.data.proposals.some((p) => p.profileId === ids.piwowar)),
    );
    expect(event.data.trigger).toBe('profile_changed');
    expect(event.data.proposals.map((p) => p.profileId).sort()).toEqual([ids.piwowar, ids.priem].sort());
  });

  it('re-scores only the records a profile change affects', async () => {
    await storeRecord(KUNCHEVA_WORK);
    await changeProfile(ids.kuncheva, KUNCHEVA, 1);
    await waitFor(() => proposalsFor(KUNCHEVA_WORK)[0]);
    const before = proposed.length;

    await changeProfile(ids.kuncheva, KUNCHEVA, 2, {
      coauthors: works
        .get(KUNCHEVA_WORK)!
        .authors.slice(1)
        .map((a) => ({ name: a.rawName, sharedWorks: 3 })),
    });
    await waitFor(async () => ((await profileVersion(ids.kuncheva)) === 2 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = proposed.slice(before);
    expect(after.every((event) => event.data.record.sourceId === KUNCHEVA_WORK)).toBe(true);
    expect(after.length).toBeLessThanOrEqual(1);
  });

  it('applies a redelivered event once and ignores an older profile version', async () => {
    const old = envelope(
      ProfileChangedV1,
      ids.kuncheva,
      1,
      profileFromAuthor(ids.kuncheva, authors.get(KUNCHEVA)!),
    );
    await publish(ProfileChangedV1.subject, old);
    await publish(ProfileChangedV1.subject, old, newId());
    await waitFor(async () => {
      const inbox = await pool.query('SELECT count(*)::int AS n FROM inbox_events WHERE event_id = $1', [
        old.id,
      ]);
      return inbox.rows[0].n === 1 ? true : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await profileVersion(ids.kuncheva)).toBe(2);
    const inbox = await pool.query('SELECT count(*)::int AS n FROM inbox_events WHERE event_id = $1', [
      old.id,
    ]);
    expect(inbox.rows[0].n).toBe(1);
  });

  it('marks two profiles proposed for one position as in conflict', async () => {
    const namesake = profileFromAuthor(ids.namesake, authors.get(PRIEM)!);
    namesake.facts.identities = [];
    delete namesake.primaryOrcid;
    await publish(ProfileChangedV1.subject, envelope(ProfileChangedV1, ids.namesake, 1, namesake));

    const event = await waitFor(() =>
      proposalsFor(STATE_OF_OA).find((e) => e.data.proposals.some((p) => p.profileId === ids.namesake)),
    );
    const namesakeProposal = event.data.proposals.find((p) => p.profileId === ids.namesake)!;
    const priemProposal = event.data.proposals.find((p) => p.profileId === ids.priem)!;
    expect(namesakeProposal.authorPosition).toBe(priemProposal.authorPosition);
    expect(priemProposal.conflict).toEqual([ids.namesake]);
    expect(priemProposal.autoConfirmEligible).toBe(false);
  });
});
