import { randomUUID } from 'node:crypto';

import { Client } from 'pg';

import { DatabaseError, DatabaseErrorCode } from '../errors';
import { COMMON_SCHEMA, assertSchemaName } from '../service-schemas';
import { quoteIdentifier } from '../provisioning/provisioning-context';
import { readMigrations } from './migration-files';
import { ensureMigrationsTable, listAppliedMigrations, recordMigration } from './migrations-table';

import type { MigrationFile } from './migration-files';
import type { AppliedMigration } from './migrations-table';

/** A pino-compatible logger; `migrateService` logs each applied migration at info level. */
export interface MigrationLogger {
  info(fields: Record<string, unknown>, message: string): void;
}

/** Options of `migrateService`. */
export interface MigrateOptions {
  /** URL of the schema's owner role. */
  ownerUrl: string;
  /** Service schema; `_prisma_migrations` lives inside it. */
  schema: string;
  /** A Prisma `migrations` directory. */
  migrationsDir: string;
  log?: MigrationLogger;
}

/** Outcome of `migrateService`, by migration name. */
export interface MigrateResult {
  applied: string[];
  skipped: string[];
}

// First key of the two-key advisory lock: a constant for "migrations", the second is the schema's
// hash, so different schemas migrate in parallel and replicas of one service wait for each other.
const MIGRATION_LOCK_CLASS = 0x6d696772; // "migr"

/**
 * Applies a service's pending migrations, each in its own transaction, under an advisory lock.
 * Before applying anything it verifies that every recorded migration still exists on disk with
 * the checksum it was applied with.
 */
export async function migrateService(options: MigrateOptions): Promise<MigrateResult> {
  assertSchemaName(options.schema);
  const files = readMigrations(options.migrationsDir);
  const client = new Client({
    connectionString: options.ownerUrl,
    application_name: `atlas-migrate-${options.schema}`,
  });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${quoteIdentifier(options.schema)}, ${COMMON_SCHEMA}`);
    await client.query('SET statement_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, options.schema]);
    await ensureMigrationsTable(client);
    const applied = await listAppliedMigrations(client);
    verifyAppliedMigrations(options.schema, applied, files);

    const appliedNames = new Set(applied.map((migration) => migration.name));
    const result: MigrateResult = { applied: [], skipped: [] };
    for (const file of files) {
      if (appliedNames.has(file.name)) {
        result.skipped.push(file.name);
        continue;
      }
      await applyMigration(client, options.schema, file);
      options.log?.info({ schema: options.schema, migration: file.name }, 'Applied migration');
      result.applied.push(file.name);
    }
    return result;
  } finally {
    // Closing the session releases the advisory lock.
    await client.end();
  }
}

function verifyAppliedMigrations(schema: string, applied: AppliedMigration[], files: MigrationFile[]): void {
  const onDisk = new Map(files.map((file) => [file.name, file]));
  for (const migration of applied) {
    if (migration.finishedAt === null) {
      throw new DatabaseError(
        DatabaseErrorCode.MigrationUnfinished,
        `Migration ${migration.name} of schema ${schema} started but never finished; inspect the schema, ` +
          `then mark it rolled back or applied in _prisma_migrations before migrating again.`,
      );
    }
    const file = onDisk.get(migration.name);
    if (!file) {
      throw new DatabaseError(
        DatabaseErrorCode.MigrationMissingOnDisk,
        `Migration ${migration.name} is applied in schema ${schema} but missing from the migrations directory; ` +
          `restore its folder.`,
      );
    }
    if (file.checksum !== migration.checksum) {
      throw new DatabaseError(
        DatabaseErrorCode.MigrationChecksumMismatch,
        `Migration ${migration.name} of schema ${schema} was changed after it was applied: expected checksum ` +
          `${migration.checksum}, found ${file.checksum}. Restore the applied file and add a new migration instead.`,
      );
    }
  }
}

// NOTE: every migration runs inside a transaction, so statements that cannot (CREATE INDEX
// CONCURRENTLY, ALTER TYPE ... ADD VALUE before PostgreSQL 12) fail here; split such work differently.
async function applyMigration(client: Client, schema: string, file: MigrationFile): Promise<void> {
  const startedAt = new Date();
  try {
    await client.query('BEGIN');
    await client.query(file.sql);
    await recordMigration(client, randomUUID(), file.name, file.checksum, startedAt);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new DatabaseError(
      DatabaseErrorCode.MigrationFailed,
      `Migration ${file.name} of schema ${schema} failed and was rolled back: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
