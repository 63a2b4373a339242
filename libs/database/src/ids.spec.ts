import { Client } from 'pg';

import { newId, uuidV7Timestamp } from './ids';
import { provisionDatabase } from './provisioning/provision';
import { createEmptyDatabase, specPasswords } from './spec-database';

import type { EmptyDatabase } from './spec-database';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function expectVersion7(ids: string[], earliest: number, latest: number): void {
  for (const id of ids) {
    expect(id).toMatch(UUID_V7);
    expect(uuidV7Timestamp(id)).toBeGreaterThanOrEqual(earliest);
    expect(uuidV7Timestamp(id)).toBeLessThanOrEqual(latest);
  }
  expect(new Set(ids).size).toBe(ids.length);
}

describe('newId', () => {
  it('creates unique version 7 ids of the current time', () => {
    const before = Date.now();
    const ids = Array.from({ length: 10_000 }, () => newId());
    expectVersion7(ids, before, Date.now());
  });

  it('orders ids of later milliseconds after earlier ones', async () => {
    const first = newId();
    await new Promise((resolve) => setTimeout(resolve, 3));
    expect(newId() > first).toBe(true);
  });
});

describe('atlas_common functions', () => {
  let database: EmptyDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    await provisionDatabase(database.url, { schemas: ['ingest'], passwords: specPasswords(['ingest']) });
    client = new Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it('creates unique version 7 ids with the RFC 9562 variant', async () => {
    const before = Date.now();
    const result = await client.query<{ id: string }>(
      'SELECT atlas_common.uuid_generate_v7()::text AS id FROM generate_series(1, 20000)',
    );
    expectVersion7(
      result.rows.map((row) => row.id),
      before,
      Date.now(),
    );
  });

  it('orders ids by creation time across milliseconds', async () => {
    const ids: string[] = [];
    for (let step = 0; step < 5; step++) {
      ids.push(
        (await client.query<{ id: string }>('SELECT atlas_common.uuid_generate_v7()::text AS id')).rows[0]!
          .id,
      );
      await new Promise((resolve) => setTimeout(resolve, 2));
    }

    expect([...ids].sort()).toEqual(ids);
  });

  it('wraps unaccent as an immutable function usable in an index', async () => {
    const result = await client.query<{ folded: string; volatility: string }>(
      `SELECT atlas_common.immutable_unaccent('Élodie Müller-Ångström') AS folded,
              provolatile AS volatility FROM pg_proc WHERE oid = 'atlas_common.immutable_unaccent(text)'::regprocedure`,
    );
    expect(result.rows[0]).toEqual({ folded: 'Elodie Muller-Angstrom', volatility: 'i' });
    await client.query('CREATE TEMP TABLE titles (title text)');
    await client.query('CREATE INDEX ON titles (atlas_common.immutable_unaccent(lower(title)))');
  });
});
