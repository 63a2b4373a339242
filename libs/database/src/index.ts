export type { SqlExecutor, SqlResult } from './sql-executor';
export { DatabaseError, DatabaseErrorCode } from './errors';
export {
  ALL_SERVICE_SCHEMAS,
  COMMON_SCHEMA,
  SERVICE_SCHEMAS,
  assertSchemaName,
  prismaDirectory,
  schemaRoles,
} from './service-schemas';
export type { SchemaRoles, ServiceName, ServiceSchema } from './service-schemas';
export { newId, uuidV7Timestamp } from './ids';
export { createPool, poolConfig, withTransaction } from './pool';
export type { PoolOptions } from './pool';
export { pgExecutor, prismaExecutor } from './executors';
export type { PrismaRawClient } from './executors';
export { provisionDatabase } from './provisioning/provision';
export type {
  ProvisionOptions,
  ProvisionResult,
  ProvisionedSchema,
  RoleConnection,
} from './provisioning/provision';
export { databaseName, redactUrl, withCredentials, withDatabase } from './provisioning/connection-url';
export { migrateService } from './migrations/migrate';
export type { MigrateOptions, MigrateResult, MigrationLogger } from './migrations/migrate';
export { migrationChecksum, readMigrations } from './migrations/migration-files';
export type { MigrationFile } from './migrations/migration-files';
export { generatePrismaClient } from './prisma/prisma-generate';
export type { GeneratePrismaClientOptions } from './prisma/prisma-generate';
export { createPrismaClient } from './prisma/prisma-client';
export type { PrismaClientClass, PrismaClientConstructorOptions } from './prisma/prisma-client';
export { assertNoSchemaDrift, findSchemaDrift } from './drift/schema-drift';
export type { SchemaDriftOptions } from './drift/schema-drift';
export { parsePrismaSchema } from './drift/prisma-schema-parser';
export type { DeclaredColumn, DeclaredTable } from './drift/prisma-schema-parser';
