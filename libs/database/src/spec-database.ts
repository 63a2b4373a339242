// Test-only helper: creates and drops empty databases on the test server. Tests of this library
// cannot use @atlas/testing, which depends on this library.
import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { withDatabase } from './provisioning/connection-url';

/** An empty database for one test file. */
export interface EmptyDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Returns the superuser URL that Jest's global setup exported. */
export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('DATABASE_URL is not set; run the tests through Jest so that the local stack starts.');
  return url;
}

/** Runs one statement on the `postgres` database of the test server. */
export async function runAsSuperuser(sql: string, database = 'postgres'): Promise<void> {
  const client = new Client({ connectionString: withDatabase(serverUrl(), database) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database `atlas_spec_<random>`. */
export async function createEmptyDatabase(): Promise<EmptyDatabase> {
  const name = `atlas_spec_${randomBytes(6).toString('hex')}`;
  await runAsSuperuser(`CREATE DATABASE "${name}"`);
  return {
    name,
    url: withDatabase(serverUrl(), name),
    drop: () => runAsSuperuser(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** Fixed test passwords of a schema's roles, shared by every test that provisions that schema. */
export function specPasswords(schemas: readonly string[]): Record<string, string> {
  const passwords: Record<string, string> = {};
  for (const schema of schemas) {
    passwords[`atlas_${schema}_owner`] = `test-atlas_${schema}_owner`;
    passwords[`atlas_${schema}_app`] = `test-atlas_${schema}_app`;
  }
  return passwords;
}
