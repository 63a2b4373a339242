import { DatabaseError, DatabaseErrorCode } from '../errors';
import { COMMON_SCHEMA } from '../service-schemas';
import { COMMON_EXTENSIONS, COMMON_FUNCTIONS } from './common-schema';

import type { ProvisioningContext } from './provisioning-context';

/** Creates the common schema with its extensions and functions where they are missing or outdated. */
export async function setUpCommonSchema(context: ProvisioningContext): Promise<void> {
  const { client, changes } = context;
  const schema = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [COMMON_SCHEMA]);
  if (schema.rowCount === 0) {
    await client.query(`CREATE SCHEMA ${COMMON_SCHEMA}`);
    changes.push(`created schema ${COMMON_SCHEMA}`);
  }

  for (const extension of COMMON_EXTENSIONS) await ensureExtension(context, extension);
  for (const fn of COMMON_FUNCTIONS) await ensureFunction(context, fn.signature, fn.body, fn.create);
}

async function ensureExtension(context: ProvisioningContext, extension: string): Promise<void> {
  const found = await context.client.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = $1`,
    [extension],
  );
  const installedIn = found.rows[0]?.schema;
  if (installedIn === COMMON_SCHEMA) return;
  if (installedIn !== undefined) {
    // Moving it could break whatever uses it where it is, so the operator decides.
    throw new DatabaseError(
      DatabaseErrorCode.ProvisioningFailed,
      `Extension ${extension} is installed in schema "${installedIn}", not "${COMMON_SCHEMA}"; ` +
        `move it with ALTER EXTENSION ${extension} SET SCHEMA ${COMMON_SCHEMA} and provision again.`,
    );
  }
  await context.client.query(`CREATE EXTENSION ${extension} WITH SCHEMA ${COMMON_SCHEMA}`);
  context.changes.push(`created extension ${extension}`);
}

async function ensureFunction(
  context: ProvisioningContext,
  signature: string,
  body: string,
  create: string,
): Promise<void> {
  const found = await context.client.query<{ body: string }>(
    `SELECT prosrc AS body FROM pg_proc WHERE oid = to_regprocedure($1)`,
    [`${COMMON_SCHEMA}.${signature}`],
  );
  if (found.rows[0]?.body === body) return;
  await context.client.query(create);
  context.changes.push(
    `${found.rowCount === 0 ? 'created' : 'replaced'} function ${COMMON_SCHEMA}.${signature}`,
  );
}
