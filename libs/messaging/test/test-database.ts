import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Client, Pool } from 'pg';

/** A throwaway database with one service schema holding the outbox and inbox tables. */
export interface TestDatabase {
  url: string;
  schema: string;
  pool: Pool;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is missing; run the tests through Jest so the local stack starts.');
  return url;
}

/** Creates a fresh database and schema from the SQL fixture; `drop()` removes both. */
export async function createTestDatabase(schema = 'verification'): Promise<TestDatabase> {
  const name = `atlas_messaging_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();

  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 8 });
  const fixture = readFileSync(path.join(__dirname, 'messaging-tables.sql'), 'utf8');
  await pool.query(`CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"; ${fixture}`);

  const drop = async (): Promise<void> => {
    await pool.end();
    const cleanup = new Client({ connectionString: adminUrl() });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await cleanup.end();
  };
  return { url: url.toString(), schema, pool, drop };
}
