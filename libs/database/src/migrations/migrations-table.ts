import type { Client } from 'pg';

/** A row of Prisma's `_prisma_migrations` table. */
export interface AppliedMigration {
  name: string;
  checksum: string;
  finishedAt: Date | null;
}

// Same columns and types as the table Prisma's migration engine creates, so that
// `prisma migrate status` and `prisma migrate deploy` read what this runner writes.
const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS _prisma_migrations (
  id                  varchar(36) PRIMARY KEY NOT NULL,
  checksum            varchar(64) NOT NULL,
  finished_at         timestamptz,
  migration_name      varchar(255) NOT NULL,
  logs                text,
  rolled_back_at      timestamptz,
  started_at          timestamptz NOT NULL DEFAULT now(),
  applied_steps_count integer NOT NULL DEFAULT 0
)`;

/** Creates `_prisma_migrations` in the session's first search_path schema when it is missing. */
export async function ensureMigrationsTable(client: Client): Promise<void> {
  await client.query(CREATE_TABLE);
}

/** Returns the migrations recorded and not rolled back, oldest first. */
export async function listAppliedMigrations(client: Client): Promise<AppliedMigration[]> {
  const result = await client.query<AppliedMigration>(
    `SELECT migration_name AS name, checksum, finished_at AS "finishedAt"
     FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
  );
  return result.rows;
}

/** Records a migration as applied; runs inside the migration's own transaction. */
export async function recordMigration(
  client: Client,
  id: string,
  name: string,
  checksum: string,
  startedAt: Date,
): Promise<void> {
  await client.query(
    `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
     VALUES ($1, $2, $3, $4, clock_timestamp(), 1)`,
    [id, checksum, name, startedAt],
  );
}
