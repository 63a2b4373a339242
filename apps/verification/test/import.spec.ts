import path from 'node:path';

import { GetImportRunRpc, ImportProfilesRpc, ListIdentitiesRpc, StartImportRpc } from '@atlas/contracts';
import { newId } from '@atlas/database';
import { callRpc } from '@atlas/messaging';

import { startHarness, waitFor } from './harness';
import { startServiceBeside } from './service-process';

import type { Harness } from './harness';
import type { ServiceBeside } from './service-process';

/** The import folder of the ingest service: the real records of every source. */
const REAL = path.join(__dirname, '../../../data/real');
const AUTHORS = 'openalex/academic-explorer_authors.jsonl.gz';
const PERSONS = [
  'orcid/rorcid_api_v3.0/v3.0_0000-0001-6101-5802_person.json.gz',
  'orcid/rorcid_api_v3.0/v3.0_0000-0001-6373-9943_person.json.gz',
  'orcid/rorcid_api_v3.0/v3.0_0000-0001-6538-4082_person.json.gz',
];
const admin = { role: 'admin' as const };

let harness: Harness;
let ingest: ServiceBeside;

/** Imports a file of the import folder through the ingest service and waits for the run to succeed. */
async function importFile(file: string): Promise<void> {
  const { importRunId } = await callRpc(harness.nc, StartImportRpc, {
    actor: admin,
    input: { kind: 'path', path: file },
  });
  const run = await waitFor(async () => {
    const current = await callRpc(harness.nc, GetImportRunRpc, { actor: admin, importRunId });
    return current.state === 'queued' || current.state === 'running' ? undefined : current;
  }, 60_000);
  expect(run).toMatchObject({ state: 'succeeded', rejected: 0 });
}

/** Ids and source ids of the raw records ingest stored for one source and entity type, oldest first. */
async function storedRecords(source: string, entityType: string, limit: number) {
  const result = await harness.admin.query<{ id: string; sourceId: string }>(
    `SELECT id, source_id AS "sourceId" FROM ingest.raw_records
     WHERE source = $1 AND entity_type = $2 ORDER BY id LIMIT $3`,
    [source, entityType, limit],
  );
  return result.rows;
}

beforeAll(async () => {
  harness = await startHarness({}, ['verification', 'ingest']);
  ingest = await startServiceBeside(harness, 'ingest', { ATLAS_IMPORT_DIR: REAL });
  await importFile(AUTHORS);
  for (const file of PERSONS) await importFile(file);
}, 120_000);

afterAll(async () => {
  await ingest?.stop();
  await harness?.close();
});

describe('profile import from real records', () => {
  it('creates profiles from OpenAlex authors and ORCID persons, then updates them', async () => {
    const authors = await storedRecords('openalex', 'author', 5);
    const persons = await storedRecords('orcid', 'person', PERSONS.length);
    expect(authors).toHaveLength(5);
    expect(persons).toHaveLength(PERSONS.length);
    const authorIds = authors.map((record) => record.id);
    const missing = newId();

    const first = await callRpc(harness.nc, ImportProfilesRpc, {
      actor: admin,
      rawRecordIds: [...authorIds, ...persons.map((record) => record.id), missing],
    });
    expect(first.created + first.updated).toBe(authors.length + persons.length);
    expect(first.rejected).toEqual([{ rawRecordId: missing, reason: `No raw record has id ${missing}.` }]);

    const again = await callRpc(harness.nc, ImportProfilesRpc, { actor: admin, rawRecordIds: authorIds });
    expect(again).toEqual({ created: 0, updated: authors.length, rejected: [] });

    const profile = await harness.admin.query<{ profile_id: string }>(
      `SELECT profile_id FROM verification.profile_identities WHERE identifier_type = 'openalex' AND identifier_value = $1`,
      [authors[0]!.sourceId],
    );
    const profileId = profile.rows[0]!.profile_id;
    const identities = await callRpc(harness.nc, ListIdentitiesRpc, { actor: admin, profileId });
    expect(identities.items.map((item) => item.value)).toContain(authors[0]!.sourceId);
    expect(identities.items.filter((item) => item.type === 'openalex')).toHaveLength(1);

    const orcid = await harness.admin.query(
      `SELECT display_name, primary_orcid FROM verification.author_profiles WHERE primary_orcid = $1`,
      [persons[0]!.sourceId],
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
