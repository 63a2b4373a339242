import { COMMON_SCHEMA } from '../service-schemas';
import { quoteIdentifier } from './provisioning-context';

import type { SchemaRoles } from '../service-schemas';
import type { ProvisioningContext } from './provisioning-context';

/**
 * Gives a service schema to its owner role and lets the runtime role use it. Table rights are not
 * granted here: each migration grants exactly the DML its tables allow, which keeps UPDATE and
 * DELETE off append-only tables.
 */
export async function setUpServiceSchema(
  context: ProvisioningContext,
  schema: string,
  roles: SchemaRoles,
): Promise<void> {
  await ensureSchemaOwnedBy(context, schema, roles.owner);
  for (const role of [roles.owner, roles.runtime]) {
    await ensureGrant(context, `CONNECT ON DATABASE ${quoteIdentifier(context.database)}`, role, {
      check: 'SELECT has_database_privilege($1, current_database(), $2)',
      privilege: 'CONNECT',
    });
    await ensureGrant(context, `USAGE ON SCHEMA ${COMMON_SCHEMA}`, role, {
      check: `SELECT has_schema_privilege($1, '${COMMON_SCHEMA}', $2)`,
      privilege: 'USAGE',
    });
    await ensureSearchPath(context, role, `${schema}, ${COMMON_SCHEMA}`);
  }
  await ensureGrant(context, `USAGE ON SCHEMA ${quoteIdentifier(schema)}`, roles.runtime, {
    check: `SELECT has_schema_privilege($1, ${context.client.escapeLiteral(schema)}, $2)`,
    privilege: 'USAGE',
  });
  await ensureSequenceDefaults(context, schema, roles);
}

async function ensureSchemaOwnedBy(
  context: ProvisioningContext,
  schema: string,
  owner: string,
): Promise<void> {
  const found = await context.client.query<{ owner: string }>(
    'SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = $1',
    [schema],
  );
  const current = found.rows[0]?.owner;
  if (current === owner) return;
  if (current === undefined) {
    await context.client.query(
      `CREATE SCHEMA ${quoteIdentifier(schema)} AUTHORIZATION ${quoteIdentifier(owner)}`,
    );
    context.changes.push(`created schema ${schema} owned by ${owner}`);
    return;
  }
  await context.client.query(`ALTER SCHEMA ${quoteIdentifier(schema)} OWNER TO ${quoteIdentifier(owner)}`);
  context.changes.push(`changed owner of schema ${schema} from ${current} to ${owner}`);
}

async function ensureGrant(
  context: ProvisioningContext,
  what: string,
  role: string,
  probe: { check: string; privilege: string },
): Promise<void> {
  const held = await context.client.query<{ granted: boolean }>(`${probe.check} AS granted`, [
    role,
    probe.privilege,
  ]);
  if (held.rows[0]?.granted) return;
  await context.client.query(`GRANT ${what} TO ${quoteIdentifier(role)}`);
  context.changes.push(`granted ${what} to ${role}`);
}

async function ensureSearchPath(
  context: ProvisioningContext,
  role: string,
  searchPath: string,
): Promise<void> {
  const wanted = `search_path=${searchPath}`;
  const found = await context.client.query<{ settings: string[] | null }>(
    `SELECT s.setconfig AS settings FROM pg_db_role_setting s
     JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = current_database() AND s.setrole = $1::regrole`,
    [role],
  );
  if (found.rows[0]?.settings?.includes(wanted)) return;
  await context.client.query(
    `ALTER ROLE ${quoteIdentifier(role)} IN DATABASE ${quoteIdentifier(context.database)} SET search_path = ${searchPath}`,
  );
  context.changes.push(`set search_path of ${role} in ${context.database} to ${searchPath}`);
}

// Sequences (identity columns) created by the owner become usable by the runtime role without a
// grant in every migration; tables deliberately get no default rights.
async function ensureSequenceDefaults(
  context: ProvisioningContext,
  schema: string,
  roles: SchemaRoles,
): Promise<void> {
  const found = await context.client.query(
    `SELECT 1 FROM pg_default_acl a, aclexplode(a.defaclacl) x
     WHERE a.defaclrole = $1::regrole AND a.defaclnamespace = to_regnamespace($2)
       AND a.defaclobjtype = 'S' AND x.grantee = $3::regrole AND x.privilege_type = 'USAGE'`,
    [roles.owner, schema, roles.runtime],
  );
  if (found.rowCount !== 0) return;
  await context.client.query(
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdentifier(roles.owner)} IN SCHEMA ${quoteIdentifier(schema)} ` +
      `GRANT USAGE, SELECT ON SEQUENCES TO ${quoteIdentifier(roles.runtime)}`,
  );
  context.changes.push(`granted default USAGE, SELECT on sequences of ${schema} to ${roles.runtime}`);
}
