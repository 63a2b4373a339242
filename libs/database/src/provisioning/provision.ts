import { Client } from 'pg';

import { DatabaseError, DatabaseErrorCode } from '../errors';
import { ALL_SERVICE_SCHEMAS, schemaRoles } from '../service-schemas';
import { setUpCommonSchema } from './common-setup';
import { databaseName, redactUrl, withCredentials, withDatabase } from './connection-url';
import { ensureLoginRole } from './role-setup';
import { setUpServiceSchema } from './schema-setup';

import type { ProvisioningContext } from './provisioning-context';

/** Options of `provisionDatabase`. */
export interface ProvisionOptions {
  /** Service schemas to set up; all five by default. */
  schemas?: readonly string[];
  /** Passwords by role name (`atlas_<schema>_owner`, `atlas_<schema>_app`); others are generated. */
  passwords?: Readonly<Record<string, string>>;
  /** Give existing roles without a supplied password a newly generated one. */
  rotatePasswords?: boolean;
  /** Database whose advisory lock serialises provisioning across the cluster; `postgres` by default. */
  lockDatabase?: string;
}

/** A role's name, its password when known, and a URL to connect with it. */
export interface RoleConnection {
  role: string;
  /** Undefined when the role existed and kept a password this call was not given. */
  password: string | undefined;
  /** Connection URL for the provisioned database; without a password when it is unknown. */
  url: string;
}

/** The two roles of one provisioned service schema. */
export interface ProvisionedSchema {
  schema: string;
  owner: RoleConnection;
  runtime: RoleConnection;
}

/** Outcome of `provisionDatabase`. */
export interface ProvisionResult {
  database: string;
  schemas: Record<string, ProvisionedSchema>;
  /** One line per change; empty when the database and roles already matched. */
  changes: string[];
}

// Roles live in the whole cluster while advisory locks belong to one database, so every
// provisioning run, whatever database it targets, takes this lock in the same database.
const PROVISIONING_LOCK_KEY = 0x61746c61; // "atla"

/**
 * Provisions a database with a superuser URL: the common schema (extensions, UUIDv7, immutable
 * unaccent, append-only trigger function), then for each service schema an owner role, a runtime
 * role and the schema itself. Idempotent: a second run reports no changes unless passwords differ
 * or `rotatePasswords` is set.
 */
export async function provisionDatabase(
  adminUrl: string,
  options: ProvisionOptions = {},
): Promise<ProvisionResult> {
  const schemas = options.schemas ?? ALL_SERVICE_SCHEMAS;
  const roles = schemas.map((schema) => ({ schema, ...schemaRoles(schema) }));
  const lockClient = new Client({
    connectionString: withDatabase(adminUrl, options.lockDatabase ?? 'postgres'),
  });
  const client = new Client({ connectionString: adminUrl });
  const context: ProvisioningContext = { client, database: databaseName(adminUrl), changes: [] };

  try {
    await lockClient.connect();
    await client.connect();
    await lockClient.query('SELECT pg_advisory_lock($1)', [PROVISIONING_LOCK_KEY]);
    await setUpCommonSchema(context);

    const result: ProvisionResult = { database: context.database, schemas: {}, changes: context.changes };
    for (const { schema, owner, runtime } of roles) {
      const ownerPassword = await ensureLoginRole(context, owner, passwordPolicy(options, owner));
      const runtimePassword = await ensureLoginRole(context, runtime, passwordPolicy(options, runtime));
      await setUpServiceSchema(context, schema, { owner, runtime });
      result.schemas[schema] = {
        schema,
        owner: { role: owner, password: ownerPassword, url: withCredentials(adminUrl, owner, ownerPassword) },
        runtime: {
          role: runtime,
          password: runtimePassword,
          url: withCredentials(adminUrl, runtime, runtimePassword),
        },
      };
    }
    return result;
  } catch (error) {
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(
      DatabaseErrorCode.ProvisioningFailed,
      `Provisioning ${redactUrl(adminUrl)} failed: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    // Ending the session releases the advisory lock.
    await Promise.allSettled([client.end(), lockClient.end()]);
  }
}

function passwordPolicy(options: ProvisionOptions, role: string) {
  return { supplied: options.passwords?.[role], rotate: options.rotatePasswords ?? false };
}
