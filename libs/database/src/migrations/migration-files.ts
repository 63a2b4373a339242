import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { DatabaseError, DatabaseErrorCode } from '../errors';

/** One migration folder read from disk. */
export interface MigrationFile {
  /** Folder name, `<YYYYMMDDHHMMSS>_<name>`, as Prisma records it. */
  name: string;
  /** Full text of `migration.sql`. */
  sql: string;
  /** SHA-256 of the file's bytes in lower-case hex, as Prisma computes it. */
  checksum: string;
}

const FOLDER_NAME = /^\d{14}_[A-Za-z0-9_]+$/;

/** Computes a migration's checksum: the SHA-256 hex digest of the file's bytes. */
export function migrationChecksum(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Reads every migration folder of a Prisma `migrations` directory, sorted by name (so by
 * timestamp). Prisma's own `migration_lock.toml` and any other plain files are ignored.
 */
export function readMigrations(migrationsDir: string): MigrationFile[] {
  if (!existsSync(migrationsDir) || !statSync(migrationsDir).isDirectory()) {
    throw new DatabaseError(
      DatabaseErrorCode.MigrationsDirectoryInvalid,
      `Migrations directory not found: ${migrationsDir}`,
    );
  }
  const folders = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  return folders.map((name) => {
    if (!FOLDER_NAME.test(name)) {
      throw new DatabaseError(
        DatabaseErrorCode.MigrationsDirectoryInvalid,
        `Invalid migration folder "${name}" in ${migrationsDir}: expected <YYYYMMDDHHMMSS>_<name>.`,
      );
    }
    const file = path.join(migrationsDir, name, 'migration.sql');
    if (!existsSync(file)) {
      throw new DatabaseError(
        DatabaseErrorCode.MigrationsDirectoryInvalid,
        `Migration file missing: ${file}`,
      );
    }
    const bytes = readFileSync(file);
    return { name, sql: bytes.toString('utf8'), checksum: migrationChecksum(bytes) };
  });
}
