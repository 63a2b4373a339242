import { readdirSync } from 'node:fs';
import path from 'node:path';

import { GetRawRecordRpc, ImportProfilesRpc, ListIdentitiesRpc } from '@atlas/contracts';
import type { RawRecord } from '@atlas/contracts';
import { newId } from '@atlas/database';
import { callRpc, rpcHandler, RpcHandlerError } from '@atlas/messaging';
import { eventBusPlugin, natsPlugin, postgresPlugin } from '@atlas/service-runtime';
import type { ServiceApp } from '@atlas/service-runtime';
import { readRecords } from '@atlas/source-parsers';

import { startHarness } from './harness';

import type { Harness } from './harness';

const REAL = path.join(__dirname, '../../../data/real');
const AUTHORS = path.join(REAL, 'openalex/academic-explorer_authors.jsonl.gz');
const PERSONS = path.join(REAL, 'orcid/rorcid_api_v3.0');
const admin = { role: 'admin' as const };

const stored = new Map<string, RawRecord>();

async function storeRecords(file: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of readRecords(file)) {
    if (item.kind !== 'record') continue;
    const id = newId();
    stored.set(id, {
      id,
      source: item.source,
      sourceId: item.sourceId,
      entityType: item.entityType,
      data: item.raw,
      fetchedAt: new Date().toISOString(),
      checksum: item.checksum,
      superseded: false,
    });
    ids.push(id);
    if (ids.length === limit) break;
  }
  return ids;
}

/** Ingest's raw record look-up over the real event bus, serving records read from the real files. */
const ingest: ServiceApp<never> = async (instance, { config }) => {
  const { databaseUrl, natsUrl } = config as unknown as { databaseUrl: string; natsUrl: string };
  await instance.register(postgresPlugin, { connectionString: databaseUrl, applicationName: 'ingest' });
  await instance.register(natsPlugin, { servers: natsUrl, name: 'ingest' });
  await instance.register(eventBusPlugin, { service: 'ingest', schema: 'ingest' });
  instance.eventBus.serve([
    rpcHandler(GetRawRecordRpc, async ({ rawRecordId }) => {
      const record = stored.get(rawRecordId);
      if (!record) throw new RpcHandlerError('NOT_FOUND', `Raw record ${rawRecordId} not found`);
      return record;
    }),
  ]);
};

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ ingest }, ['verification', 'ingest']);
}, 60_000);
afterAll(() => harness?.close());

describe('profile import from real records', () => {
  it('creates profiles from OpenAlex authors and ORCID persons, then updates them', async () => {
    const authors = await storeRecords(AUTHORS, 5);
    const personFiles = readdirSync(PERSONS)
      .filter((name) => name.includes('person'))
      .slice(0, 3);
    const persons: string[] = [];
    for (const file of personFiles) persons.push(...(await storeRecords(path.join(PERSONS, file), 1)));
    const missing = newId();

    const first = await callRpc(harness.nc, ImportProfilesRpc, {
      actor: admin,
      rawRecordIds: [...authors, ...persons, missing],
    });
    expect(first.created + first.updated).toBe(authors.length + persons.length);
    expect(first.rejected).toEqual([{ rawRecordId: missing, reason: expect.stringContaining('not found') }]);

    const again = await callRpc(harness.nc, ImportProfilesRpc, { actor: admin, rawRecordIds: authors });
    expect(again).toEqual({ created: 0, updated: authors.length, rejected: [] });

    const author = stored.get(authors[0]!)!;
    const profile = await harness.admin.query<{ profile_id: string }>(
      `SELECT profile_id FROM verification.profile_identities WHERE identifier_type = 'openalex' AND identifier_value = $1`,
      [author.sourceId],
    );
    const profileId = profile.rows[0]!.profile_id;
    const identities = await callRpc(harness.nc, ListIdentitiesRpc, { actor: admin, profileId });
    expect(identities.items.map((item) => item.value)).toContain(author.sourceId);
    expect(identities.items.filter((item) => item.type === 'openalex')).toHaveLength(1);

    const person = stored.get(persons[0]!)!;
    const orcid = await harness.admin.query(
      `SELECT display_name, primary_orcid FROM verification.author_profiles WHERE primary_orcid = $1`,
      [person.sourceId],
    );
    expect(orcid.rows).toHaveLength(1);
  });

  it('lets only admins import', async () => {
    await expect(
      callRpc(harness.nc, ImportProfilesRpc, {
        actor: { role: 'researcher', onBehalfOf: newId() },
        rawRecordIds: [newId()],
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
