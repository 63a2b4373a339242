import { randomBytes } from 'node:crypto';
import path from 'node:path';

import { Client } from 'pg';

import {
  SERVICE_SCHEMAS,
  migrateService,
  prismaDirectory,
  provisionDatabase,
  schemaRoles,
  withDatabase,
} from '@atlas/database';

import type { ServiceName } from '@atlas/database';

/** Connection URLs of one migrated service schema in a test database. */
export interface TestServiceDatabase {
  schema: string;
  /** URL of the owner role, which runs migrations and can read every table of the schema. */
  ownerUrl: string;
  /** URL of the runtime role (what the service itself uses). */
  runtimeUrl: string;
}

/** A fresh, provisioned database; `drop()` removes it. */
export interface TestDatabase {
  name: string;
  /** Superuser URL of this database. */
  adminUrl: string;
  services: Partial<Record<ServiceName, TestServiceDatabase>>;
  drop(): Promise<void>;
}

/** Options of `createTestDatabase`. */
export interface TestDatabaseOptions {
  /** Services whose migrations to apply; every service schema is provisioned either way. */
  services?: readonly ServiceName[];
  /** Superuser URL of the server; DATABASE_URL by default. */
  serverUrl?: string;
}

const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Fixed passwords of the service roles in test databases. Roles belong to the whole cluster, so
 * every test database shares them; fixed passwords let parallel test files provision again without
 * invalidating each other's connections.
 */
export function testRolePasswords(): Record<string, string> {
  const passwords: Record<string, string> = {};
  for (const schema of Object.values(SERVICE_SCHEMAS)) {
    const roles = schemaRoles(schema);
    passwords[roles.owner] = `test-${roles.owner}`;
    passwords[roles.runtime] = `test-${roles.runtime}`;
  }
  return passwords;
}

/** Creates a database `atlas_test_<random>` on the test server, provisions it and migrates the given services. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? process.env.DATABASE_URL;
  if (!serverUrl)
    throw new Error('DATABASE_URL is not set; run the tests through Jest so that the local stack starts.');
  const name = `atlas_test_${randomBytes(6).toString('hex')}`;
  await runOnMaintenanceDatabase(serverUrl, `CREATE DATABASE "${name}"`);
  const database: TestDatabase = {
    name,
    adminUrl: withDatabase(serverUrl, name),
    services: {},
    drop: () => runOnMaintenanceDatabase(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };

  try {
    const provisioned = await provisionDatabase(database.adminUrl, { passwords: testRolePasswords() });
    for (const service of options.services ?? []) {
      const schema = SERVICE_SCHEMAS[service];
      const roles = provisioned.schemas[schema]!;
      await migrateService({
        ownerUrl: roles.owner.url,
        schema,
        migrationsDir: path.join(WORKSPACE_ROOT, prismaDirectory(service), 'migrations'),
      });
      database.services[service] = { schema, ownerUrl: roles.owner.url, runtimeUrl: roles.runtime.url };
    }
    return database;
  } catch (error) {
    await database.drop();
    throw error;
  }
}

async function runOnMaintenanceDatabase(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
