import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { ALL_SERVICE_SCHEMAS } from '../service-schemas';
import { createEmptyDatabase, runAsSuperuser, specPasswords } from '../spec-database';
import { provisionDatabase } from './provision';

import type { EmptyDatabase } from '../spec-database';

async function query<Row extends Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('provisionDatabase', () => {
  let database: EmptyDatabase;
  const passwords = specPasswords(ALL_SERVICE_SCHEMAS);

  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('creates the common schema, roles and service schemas', async () => {
    const result = await provisionDatabase(database.url, { passwords });

    expect(result.changes).toContain('created schema atlas_common');
    expect(Object.keys(result.schemas)).toEqual([...ALL_SERVICE_SCHEMAS]);
    const extensions = await query<{ extname: string }>(
      database.url,
      `SELECT extname FROM pg_extension WHERE extnamespace = 'atlas_common'::regnamespace ORDER BY extname`,
    );
    expect(extensions.map((row) => row.extname)).toEqual([
      'btree_gin',
      'citext',
      'pg_trgm',
      'pgcrypto',
      'unaccent',
    ]);
    const owners = await query<{ nspname: string; owner: string }>(
      database.url,
      `SELECT nspname, pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = ANY($1) ORDER BY nspname`,
      [[...ALL_SERVICE_SCHEMAS]],
    );
    for (const row of owners) expect(row.owner).toBe(`atlas_${row.nspname}_owner`);
    expect(owners).toHaveLength(ALL_SERVICE_SCHEMAS.length);
  });

  it('changes nothing on a second run', async () => {
    const fingerprint = () =>
      query(
        database.url,
        `SELECT (SELECT json_agg(r ORDER BY rolname) FROM (SELECT rolname, rolpassword FROM pg_authid WHERE rolname LIKE 'atlas\\_%') r) AS roles,
                (SELECT json_agg(n ORDER BY nspname) FROM (SELECT nspname, nspacl::text FROM pg_namespace) n) AS schemas,
                (SELECT json_agg(p ORDER BY proname) FROM (SELECT proname, prosrc FROM pg_proc WHERE pronamespace = 'atlas_common'::regnamespace) p) AS functions`,
      );
    const before = await fingerprint();

    const result = await provisionDatabase(database.url, { passwords });

    expect(result.changes).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('returns URLs that connect as each role', async () => {
    const result = await provisionDatabase(database.url, { passwords });
    const ingest = result.schemas.ingest!;

    const [owner] = await query<{ user: string; path: string }>(
      ingest.owner.url,
      'SELECT current_user AS user, current_setting($1) AS path',
      ['search_path'],
    );
    const [runtime] = await query<{ user: string }>(ingest.runtime.url, 'SELECT current_user AS user');

    expect(owner?.user).toBe('atlas_ingest_owner');
    expect(owner?.path).toBe('ingest, atlas_common');
    expect(runtime?.user).toBe('atlas_ingest_app');
  });

  it('denies a runtime role access to other service schemas', async () => {
    const result = await provisionDatabase(database.url, { passwords });
    await query(result.schemas.matching!.owner.url, 'CREATE TABLE matching.secrets (value text)');

    const rights = await query<{ own: boolean; other: boolean; otherOwner: boolean }>(
      result.schemas.ingest!.runtime.url,
      `SELECT has_schema_privilege('ingest', 'USAGE') AS own, has_schema_privilege('matching', 'USAGE') AS other,
              has_schema_privilege('matching', 'CREATE') AS "otherOwner"`,
    );
    expect(rights[0]).toEqual({ own: true, other: false, otherOwner: false });
    await expect(query(result.schemas.ingest!.runtime.url, 'SELECT * FROM matching.secrets')).rejects.toThrow(
      /permission denied for schema matching/,
    );
    await expect(query(result.schemas.ingest!.owner.url, 'SELECT * FROM matching.secrets')).rejects.toThrow(
      /permission denied for schema matching/,
    );
  });

  it('rejects UPDATE and DELETE on an append-only table', async () => {
    const { owner, runtime } = (await provisionDatabase(database.url, { passwords })).schemas.verification!;
    await query(
      owner.url,
      `CREATE TABLE verification.spec_acts (id uuid PRIMARY KEY DEFAULT atlas_common.uuid_generate_v7(), note text);
       CREATE TRIGGER spec_acts_append_only BEFORE UPDATE OR DELETE ON verification.spec_acts
         FOR EACH ROW EXECUTE FUNCTION atlas_common.reject_update_delete();
       GRANT SELECT, INSERT ON verification.spec_acts TO atlas_verification_app;
       INSERT INTO verification.spec_acts (note) VALUES ('first')`,
    );

    await query(runtime.url, `INSERT INTO spec_acts (note) VALUES ('second')`);
    await expect(query(runtime.url, `UPDATE spec_acts SET note = 'changed'`)).rejects.toThrow(
      /permission denied for table spec_acts/,
    );
    await expect(query(runtime.url, 'DELETE FROM spec_acts')).rejects.toThrow(
      /permission denied for table spec_acts/,
    );
    await expect(query(owner.url, `UPDATE spec_acts SET note = 'changed'`)).rejects.toThrow(
      'table verification.spec_acts is append-only: UPDATE is not allowed',
    );
    await expect(query(owner.url, 'DELETE FROM spec_acts')).rejects.toThrow(
      'table verification.spec_acts is append-only: DELETE is not allowed',
    );
    const rows = await query(runtime.url, 'SELECT note FROM spec_acts ORDER BY id');
    expect(rows).toEqual([{ note: 'first' }, { note: 'second' }]);
  });

  it('generates, keeps and rotates passwords', async () => {
    const schema = `spec_${randomBytes(4).toString('hex')}`;
    try {
      const first = await provisionDatabase(database.url, { schemas: [schema] });
      const generated = first.schemas[schema]!.runtime.password;
      expect(generated).toMatch(/^[A-Za-z0-9_-]{32}$/);
      await expect(query(first.schemas[schema]!.runtime.url, 'SELECT 1')).resolves.toHaveLength(1);

      const second = await provisionDatabase(database.url, { schemas: [schema] });
      expect(second.changes).toEqual([]);
      expect(second.schemas[schema]!.runtime.password).toBeUndefined();
      await expect(query(first.schemas[schema]!.runtime.url, 'SELECT 1')).resolves.toHaveLength(1);

      const rotated = await provisionDatabase(database.url, { schemas: [schema], rotatePasswords: true });
      expect(rotated.changes).toEqual([
        `set password of role atlas_${schema}_owner`,
        `set password of role atlas_${schema}_app`,
      ]);
      expect(rotated.schemas[schema]!.runtime.password).not.toBe(generated);
      await expect(query(rotated.schemas[schema]!.runtime.url, 'SELECT 1')).resolves.toHaveLength(1);
      await expect(query(first.schemas[schema]!.runtime.url, 'SELECT 1')).rejects.toThrow(
        /password authentication failed/,
      );
    } finally {
      await runAsSuperuser(`DROP SCHEMA IF EXISTS ${schema}`, database.name);
      await runAsSuperuser(`DROP OWNED BY atlas_${schema}_owner, atlas_${schema}_app`, database.name);
      await runAsSuperuser(`DROP ROLE IF EXISTS atlas_${schema}_owner, atlas_${schema}_app`);
    }
  });

  it('serialises concurrent runs on one database', async () => {
    const other = await createEmptyDatabase();
    try {
      const results = await Promise.all([
        provisionDatabase(other.url, { passwords }),
        provisionDatabase(other.url, { passwords }),
      ]);
      const created = results.filter((result) => result.changes.includes('created schema atlas_common'));
      expect(created).toHaveLength(1);
    } finally {
      await other.drop();
    }
  });
});
