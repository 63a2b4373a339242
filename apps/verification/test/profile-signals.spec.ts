import path from 'node:path';

import { ProfileChangedV1, PublicProfileChangedV1, UnlinkWorkRpc } from '@atlas/contracts';
import type { ProfileMatchFacts, Work } from '@atlas/contracts';
import { callRpc } from '@atlas/messaging';

import { outboxEvents, startHarness, waitFor } from './harness';
import { startServiceBeside } from './service-process';
import { confirmWork, insertProfile, realWorks, relayApp, researcher } from './works-fixture';

import type { Harness } from './harness';
import type { ServiceBeside } from './service-process';

const WORKS = path.join(__dirname, '../../../data/real/openalex/academic-explorer_works.jsonl.gz');
const OWNER = 'Stefanie Haustein';

let harness: Harness;
let matching: ServiceBeside;
let profileId: string;
let works: Work[];
const workIds: string[] = [];

/** Co-authors of the works other than the owner with their shared works, ordered by name. */
function expectedCoauthors(confirmed: Work[]): { name: string; sharedWorks: number }[] {
  const counts = new Map<string, number>();
  for (const work of confirmed) {
    const names = new Set(work.authors.filter((a) => a.rawName !== OWNER).map((a) => a.rawName.trim()));
    for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return byName([...counts.entries()].map(([name, sharedWorks]) => ({ name, sharedWorks })));
}

function byName(coauthors: { name: string; sharedWorks: number }[]) {
  return coauthors
    .map(({ name, sharedWorks }) => ({ name, sharedWorks }))
    .sort((a, b) => compareText(a.name, b.name));
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function isDescending(counts: number[]): boolean {
  return counts.every((count, index) => index === 0 || counts[index - 1]! >= count);
}

async function latestFacts(): Promise<{ version: number; facts: ProfileMatchFacts; changes: string[] }> {
  const events = (await outboxEvents(harness.admin, profileId)).filter(
    (event) => event.subject === ProfileChangedV1.subject,
  );
  const last = events.at(-1)!;
  const data = last.payload.data as { facts: ProfileMatchFacts; changes: string[] };
  return { version: last.payload.entityVersion, facts: data.facts, changes: data.changes };
}

async function matchingProfile(version: number) {
  return waitFor(async () => {
    const result = await harness.admin.query<{
      entity_version: number;
      coauthors: string[];
      topics: string[];
    }>(`SELECT entity_version, coauthors, topics FROM matching.profiles WHERE profile_id = $1`, [profileId]);
    const row = result.rows[0];
    return row && row.entity_version >= version ? row : undefined;
  }, 30_000);
}

beforeAll(async () => {
  harness = await startHarness({ ingest: relayApp('ingest'), matching: relayApp('matching') }, [
    'verification',
    'ingest',
    'matching',
  ]);
  works = await realWorks(WORKS, 3, (work) => work.authors.some((author) => author.rawName === OWNER));
  profileId = await insertProfile(harness, OWNER);
  for (const work of works) {
    const position = work.authors.find((author) => author.rawName === OWNER)!.position;
    workIds.push(await confirmWork(harness, work, [profileId], [position]));
  }
  // The real matching service starts after the confirmations: started earlier, it would race the
  // test's proposals with its own for the same records. It then reads every event from the start.
  matching = await startServiceBeside(harness, 'matching');
}, 180_000);

afterAll(async () => {
  await matching?.stop();
  await harness?.close();
});

describe('co-authors and topics in profile events', () => {
  it('lists co-authors of confirmed works, most shared first', async () => {
    const { facts, changes } = await latestFacts();
    expect(changes).toEqual(['confirmed_works']);
    expect(facts.confirmedWorks).toBe(3);
    expect(byName(facts.coauthors)).toEqual(expectedCoauthors(works));
    expect(isDescending(facts.coauthors.map((coauthor) => coauthor.sharedWorks))).toBe(true);
    expect(facts.coauthors.map((coauthor) => coauthor.name)).not.toContain(OWNER);
    expect(facts.coauthors[0]!.sharedWorks).toBeGreaterThan(1);
  });

  it('lists topics of confirmed works, most frequent first', async () => {
    const { facts } = await latestFacts();
    const worksByLabel = new Map<string, number>();
    for (const work of works) {
      for (const label of new Set(work.topics.map((topic) => topic.label.trim().toLowerCase())))
        worksByLabel.set(label, (worksByLabel.get(label) ?? 0) + 1);
    }
    expect(facts.topics.length).toBe(Math.min(worksByLabel.size, 100));
    for (const topic of facts.topics) expect(topic.works).toBe(worksByLabel.get(topic.label.toLowerCase()));
    expect(isDescending(facts.topics.map((topic) => topic.works))).toBe(true);
    expect(facts.topics[0]!.works).toBe(Math.max(...worksByLabel.values()));
  });

  it('leaves the public profile event out', async () => {
    const events = await outboxEvents(harness.admin, profileId);
    const subjects = events.map((event) => event.subject);
    expect(subjects.filter((subject) => subject === ProfileChangedV1.subject)).toHaveLength(3);
    expect(subjects.filter((subject) => subject === PublicProfileChangedV1.subject)).toEqual([]);
  });

  it('reaches the matching read model', async () => {
    const { version, facts } = await latestFacts();
    const row = await matchingProfile(version);
    expect(row.coauthors).toEqual(facts.coauthors.map((coauthor) => coauthor.name));
    expect(row.topics.length).toBeGreaterThanOrEqual(facts.topics.length);
  });

  it('drops an unlinked work from both lists', async () => {
    const before = await latestFacts();
    await callRpc(harness.nc, UnlinkWorkRpc, {
      actor: researcher(profileId),
      profileId,
      workId: workIds[2]!,
    });
    const after = await latestFacts();
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.facts.confirmedWorks).toBe(2);
    expect(byName(after.facts.coauthors)).toEqual(expectedCoauthors(works.slice(0, 2)));
    const row = await matchingProfile(after.version);
    expect(row.coauthors).toEqual(after.facts.coauthors.map((coauthor) => coauthor.name));
  });
});
