/** Codes of the errors this library raises; each names one failure and is never reused. */
export const DatabaseErrorCode = {
  InvalidSchemaName: 'DATABASE_ERR_INVALID_SCHEMA_NAME',
  ProvisioningFailed: 'DATABASE_ERR_PROVISIONING_FAILED',
  MigrationsDirectoryInvalid: 'DATABASE_ERR_MIGRATIONS_DIRECTORY_INVALID',
  MigrationChecksumMismatch: 'DATABASE_ERR_MIGRATION_CHECKSUM_MISMATCH',
  MigrationMissingOnDisk: 'DATABASE_ERR_MIGRATION_MISSING_ON_DISK',
  MigrationUnfinished: 'DATABASE_ERR_MIGRATION_UNFINISHED',
  MigrationFailed: 'DATABASE_ERR_MIGRATION_FAILED',
  PrismaGenerateFailed: 'DATABASE_ERR_PRISMA_GENERATE_FAILED',
  PrismaSchemaUnsupported: 'DATABASE_ERR_PRISMA_SCHEMA_UNSUPPORTED',
  SchemaDrift: 'DATABASE_ERR_SCHEMA_DRIFT',
} as const;

export type DatabaseErrorCode = (typeof DatabaseErrorCode)[keyof typeof DatabaseErrorCode];

/** An error raised by the database library, with a stable code and the underlying cause. */
export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';

  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
