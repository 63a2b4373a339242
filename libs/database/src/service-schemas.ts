import { DatabaseError, DatabaseErrorCode } from './errors';

/** The PostgreSQL schema each application owns; the gateway's schema is `access`. */
export const SERVICE_SCHEMAS = {
  ingest: 'ingest',
  matching: 'matching',
  verification: 'verification',
  notification: 'notification',
  gateway: 'access',
} as const;

/** An application that owns a schema. */
export type ServiceName = keyof typeof SERVICE_SCHEMAS;

/** A schema owned by one application. */
export type ServiceSchema = (typeof SERVICE_SCHEMAS)[ServiceName];

/** Every service schema, in the order provisioning creates them. */
export const ALL_SERVICE_SCHEMAS: readonly ServiceSchema[] = Object.values(SERVICE_SCHEMAS);

/** The schema shared by every service: extensions and helper functions, owned by the superuser. */
export const COMMON_SCHEMA = 'atlas_common';

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,39}$/;

/** Rejects schema names that would not make safe, unquoted role and schema identifiers. */
export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema) || schema === COMMON_SCHEMA || schema.startsWith('pg_')) {
    throw new DatabaseError(
      DatabaseErrorCode.InvalidSchemaName,
      `Invalid schema name "${schema}": use 1-40 lower-case letters, digits or underscores, ` +
        `starting with a letter, not "${COMMON_SCHEMA}" and not starting with "pg_".`,
    );
  }
}

/** Names of the two roles of a service schema. */
export interface SchemaRoles {
  /** Owns the schema and runs its migrations. */
  owner: string;
  /** Used by the running service: USAGE on its schema and the DML its migrations grant. */
  runtime: string;
}

/** Returns the owner and runtime role names of a schema (`atlas_<schema>_owner`, `atlas_<schema>_app`). */
export function schemaRoles(schema: string): SchemaRoles {
  assertSchemaName(schema);
  return { owner: `atlas_${schema}_owner`, runtime: `atlas_${schema}_app` };
}

/** Returns the directory of an application's Prisma schema and migrations, relative to the workspace root. */
export function prismaDirectory(service: ServiceName): string {
  return `apps/${service}/prisma`;
}
