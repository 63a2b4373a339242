import { cpSync, mkdtempSync, appendFileSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { DatabaseErrorCode } from '../errors';
import { provisionDatabase } from '../provisioning/provision';
import { createEmptyDatabase, specPasswords } from '../spec-database';
import { migrationChecksum } from './migration-files';
import { migrateService } from './migrate';

import type { ProvisionedSchema } from '../provisioning/provision';
import type { EmptyDatabase } from '../spec-database';

// The tests work on a copy of the first migration only, so later migrations of the app do not change them.
const MESSAGING_MIGRATION = path.resolve(
  __dirname,
  '../../../../apps/ingest/prisma/migrations/20261204000000_messaging',
);

async function selectRows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migrateService', () => {
  let database: EmptyDatabase;
  let ingest: ProvisionedSchema;
  let workDir: string;

  beforeEach(async () => {
    database = await createEmptyDatabase();
    const provisioned = await provisionDatabase(database.url, {
      schemas: ['ingest'],
      passwords: specPasswords(['ingest']),
    });
    ingest = provisioned.schemas.ingest!;
    workDir = mkdtempSync(path.join(tmpdir(), 'atlas-migrations-'));
    cpSync(MESSAGING_MIGRATION, path.join(workDir, '20261204000000_messaging'), { recursive: true });
  });
  afterEach(async () => {
    rmSync(workDir, { recursive: true, force: true });
    await database.drop();
  });

  const migrate = () =>
    migrateService({ ownerUrl: ingest.owner.url, schema: 'ingest', migrationsDir: workDir });

  it('applies pending migrations and records them as Prisma does', async () => {
    const first = await migrate();
    const second = await migrate();

    expect(first).toEqual({ applied: ['20261204000000_messaging'], skipped: [] });
    expect(second).toEqual({ applied: [], skipped: ['20261204000000_messaging'] });
    const rows = await selectRows(
      ingest.owner.url,
      'SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, applied_steps_count FROM ingest._prisma_migrations',
    );
    const file = readFileSync(path.join(workDir, '20261204000000_messaging', 'migration.sql'));
    expect(rows).toEqual([
      {
        migration_name: '20261204000000_messaging',
        checksum: migrationChecksum(file),
        finished: true,
        applied_steps_count: 1,
      },
    ]);
  });

  it('rejects an applied migration whose file changed', async () => {
    await migrate();
    const file = path.join(workDir, '20261204000000_messaging', 'migration.sql');
    const expected = migrationChecksum(readFileSync(file));
    appendFileSync(file, '\n-- edited\n');
    const found = migrationChecksum(readFileSync(file));

    const failure = migrate();

    await expect(failure).rejects.toMatchObject({ code: DatabaseErrorCode.MigrationChecksumMismatch });
    await expect(migrate()).rejects.toThrow(
      `Migration 20261204000000_messaging of schema ingest was changed after it was applied: expected checksum ${expected}, found ${found}`,
    );
  });

  it('rejects an applied migration missing on disk', async () => {
    await migrate();
    rmSync(path.join(workDir, '20261204000000_messaging'), { recursive: true });

    await expect(migrate()).rejects.toMatchObject({
      code: DatabaseErrorCode.MigrationMissingOnDisk,
      message: expect.stringContaining(
        'Migration 20261204000000_messaging is applied in schema ingest but missing',
      ),
    });
  });

  it('rolls back a failing migration', async () => {
    mkdirSync(path.join(workDir, '20261205000000_broken'));
    writeFileSync(
      path.join(workDir, '20261205000000_broken', 'migration.sql'),
      'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n',
    );

    await expect(migrate()).rejects.toThrow(
      /Migration 20261205000000_broken of schema ingest failed and was rolled back/,
    );
    const tables = await selectRows(
      ingest.owner.url,
      `SELECT to_regclass('ingest.half_done') IS NULL AS absent`,
    );
    expect(tables).toEqual([{ absent: true }]);
    const recorded = await selectRows(
      ingest.owner.url,
      'SELECT migration_name FROM ingest._prisma_migrations',
    );
    expect(recorded).toEqual([{ migration_name: '20261204000000_messaging' }]);
  });

  it('applies each migration once under concurrent runs', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => migrate()));

    const appliedCounts = results.map((result) => result.applied.length);
    expect(appliedCounts.filter((count) => count === 1)).toHaveLength(1);
    expect(appliedCounts.filter((count) => count === 0)).toHaveLength(4);
    const rows = await selectRows(
      ingest.owner.url,
      'SELECT count(*)::int AS count FROM ingest._prisma_migrations',
    );
    expect(rows).toEqual([{ count: 1 }]);
  });

  it('grants the runtime role only the messaging rights', async () => {
    await migrate();
    const rights = await selectRows(
      ingest.runtime.url,
      `SELECT has_table_privilege('outbox_events', 'INSERT') AS outbox_insert,
              has_table_privilege('outbox_events', 'UPDATE') AS outbox_update_all,
              has_column_privilege('outbox_events', 'sent_at', 'UPDATE') AS outbox_update_sent,
              has_column_privilege('outbox_events', 'payload', 'UPDATE') AS outbox_update_payload,
              has_table_privilege('inbox_events', 'DELETE') AS inbox_delete,
              has_table_privilege('inbox_events', 'UPDATE') AS inbox_update,
              has_table_privilege('_prisma_migrations', 'SELECT') AS migrations_select`,
    );
    expect(rights).toEqual([
      {
        outbox_insert: true,
        outbox_update_all: false,
        outbox_update_sent: true,
        outbox_update_payload: false,
        inbox_delete: true,
        inbox_update: false,
        migrations_select: false,
      },
    ]);
  });

  it('notifies the outbox channel once per insert statement', async () => {
    await migrate();
    const listener = new Client({ connectionString: ingest.runtime.url });
    await listener.connect();
    try {
      const notifications: string[] = [];
      listener.on('notification', (message) => notifications.push(message.channel));
      await listener.query('LISTEN atlas_outbox_ingest');
      await selectRows(
        ingest.runtime.url,
        `INSERT INTO outbox_events (id, subject, payload)
         SELECT atlas_common.uuid_generate_v7(), 'atlas.ingest.record.stored.v1', '{}'::jsonb FROM generate_series(1, 3)`,
      );
      await listener.query('SELECT 1');

      expect(notifications).toEqual(['atlas_outbox_ingest']);
    } finally {
      await listener.end();
    }
  });
});
