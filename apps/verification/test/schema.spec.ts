import path from 'node:path';

import { Client } from 'pg';

import { assertNoSchemaDrift } from '@atlas/database';
import { createTestDatabase } from '@atlas/testing';

import type { TestDatabase } from '@atlas/testing';

import { insertVerificationAct } from './verification-act.fixture';

let database: TestDatabase;
let owner: Client;
let runtime: Client;

beforeAll(async () => {
  database = await createTestDatabase({ services: ['verification'] });
  owner = new Client({ connectionString: database.services.verification!.ownerUrl });
  runtime = new Client({ connectionString: database.services.verification!.runtimeUrl });
  await Promise.all([owner.connect(), runtime.connect()]);
});

afterAll(async () => {
  await Promise.all([owner?.end(), runtime?.end()]);
  await database?.drop();
});

describe('verification schema', () => {
  it('matches schema.prisma', async () => {
    await assertNoSchemaDrift({
      url: database.services.verification!.ownerUrl,
      schema: 'verification',
      prismaSchemaPath: path.join(__dirname, '..', 'prisma', 'schema.prisma'),
    });
  });

  it('refuses to change or delete an act, for the runtime role and for the owner', async () => {
    const actId = await insertVerificationAct(runtime);

    await expect(
      runtime.query(`UPDATE verification_acts SET notes = 'x' WHERE id = $1`, [actId]),
    ).rejects.toThrow(/permission denied/);
    await expect(runtime.query(`DELETE FROM verification_acts WHERE id = $1`, [actId])).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      owner.query(`UPDATE verification_acts SET notes = 'x' WHERE id = $1`, [actId]),
    ).rejects.toThrow();
    await expect(owner.query(`DELETE FROM verification_acts WHERE id = $1`, [actId])).rejects.toThrow();
  });

  it('finds titles in English and French whatever the accents', async () => {
    const result = await runtime.query<{ french: boolean; english: boolean; names: boolean }>(
      `SELECT work_search_document('Équations différentielles stochastiques', '') @@ work_search_query('equation differentielle') AS french,
              work_search_document('Running the analyses', '') @@ work_search_query('analysis run') AS english,
              work_search_document('Title', 'Hélène Müller') @@ work_search_query('helene muller') AS names`,
    );
    expect(result.rows[0]).toEqual({ french: true, english: true, names: true });
  });

  it('keeps one identity per type and value across profiles, but lets namesakes share a name variant', async () => {
    const profiles = await runtime.query<{ id: string }>(
      `INSERT INTO author_profiles (display_name) VALUES ('A'), ('B') RETURNING id`,
    );
    const [first, second] = profiles.rows.map((row) => row.id);
    const insert = `INSERT INTO profile_identities (profile_id, identifier_type, identifier_value) VALUES ($1, $2, $3)`;
    await runtime.query(insert, [first, 'orcid', '0000-0002-1825-0097']);
    await expect(runtime.query(insert, [second, 'orcid', '0000-0002-1825-0097'])).rejects.toThrow(
      /identity_unique/,
    );
    await runtime.query(insert, [first, 'name_variant', 'J. Smith']);
    await runtime.query(insert, [second, 'name_variant', 'J. Smith']);
  });
});
