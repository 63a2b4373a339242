// The audit tables must reject UPDATE, DELETE and TRUNCATE even for the role each service runs as,
// so a compromised service cannot rewrite what was decided or what a source sent.
import { Client } from 'pg';

import { createTestDatabase } from '@atlas/testing';
import type { TestDatabase } from '@atlas/testing';

import { insertVerificationAct } from './verification-act.fixture';

let database: TestDatabase;
let verification: Client;
let ingest: Client;

beforeAll(async () => {
  database = await createTestDatabase({ services: ['verification', 'ingest'] });
  verification = new Client({ connectionString: database.services.verification!.runtimeUrl });
  ingest = new Client({ connectionString: database.services.ingest!.runtimeUrl });
  await Promise.all([verification.connect(), ingest.connect()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([verification?.end(), ingest?.end()]);
  await database?.drop();
});

/** Reads a row whole as JSON text, so any change to any column shows. */
async function rowText(client: Client, table: string, id: string): Promise<string | undefined> {
  const { rows } = await client.query<{ row: string }>(
    `SELECT to_jsonb(t)::text AS row FROM ${table} t WHERE id = $1`,
    [id],
  );
  return rows[0]?.row;
}

describe('append-only tables under the runtime roles', () => {
  it('runtime roles are the provisioned service roles', async () => {
    const names = await Promise.all(
      [verification, ingest].map(
        async (client) => (await client.query<{ user: string }>('SELECT current_user AS user')).rows[0]!.user,
      ),
    );

    expect(names).toEqual(['atlas_verification_app', 'atlas_ingest_app']);
  });

  it('verification_acts rejects UPDATE, DELETE and TRUNCATE', async () => {
    const actId = await insertVerificationAct(verification);
    const before = await rowText(verification, 'verification_acts', actId);

    await expect(
      verification.query(`UPDATE verification_acts SET decision = 'reject' WHERE id = $1`, [actId]),
    ).rejects.toThrow(/permission denied/);
    await expect(verification.query('DELETE FROM verification_acts WHERE id = $1', [actId])).rejects.toThrow(
      /permission denied/,
    );
    await expect(verification.query('TRUNCATE verification_acts CASCADE')).rejects.toThrow(
      /permission denied/,
    );

    expect(before).toBeDefined();
    expect(await rowText(verification, 'verification_acts', actId)).toBe(before);
  });

  it('raw_records rejects UPDATE, DELETE and TRUNCATE', async () => {
    const { rows } = await ingest.query<{ id: string }>(
      `INSERT INTO raw_records (source, source_id, entity_type, data, checksum)
       VALUES ('openalex', 'W100927044', 'work', '{"id": "https://openalex.org/W100927044"}', 'sha256:00')
       RETURNING id`,
    );
    const recordId = rows[0]!.id;
    const before = await rowText(ingest, 'raw_records', recordId);

    await expect(
      ingest.query(`UPDATE raw_records SET data = '{}' WHERE id = $1`, [recordId]),
    ).rejects.toThrow(/permission denied/);
    await expect(ingest.query('DELETE FROM raw_records WHERE id = $1', [recordId])).rejects.toThrow(
      /permission denied/,
    );
    await expect(ingest.query('TRUNCATE raw_records CASCADE')).rejects.toThrow(/permission denied/);

    expect(before).toBeDefined();
    expect(await rowText(ingest, 'raw_records', recordId)).toBe(before);
  });
});
