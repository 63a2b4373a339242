import { MessagingError } from './errors';

// Lower-case unquoted PostgreSQL identifiers only, so a name is safe to splice into SQL text.
const SCHEMA_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** Checks that a schema name is a plain lower-case identifier and returns it. */
export function validateSchemaName(schema: string): string {
  if (!SCHEMA_NAME_PATTERN.test(schema)) {
    throw new MessagingError(
      'MESSAGING_ERR_INVALID_SCHEMA_NAME',
      `Invalid schema name ${JSON.stringify(schema)}: use lower-case letters, digits and underscores.`,
    );
  }
  return schema;
}

/** Returns `"schema"."table"` for a validated schema name. */
export function qualifiedTable(schema: string, table: 'outbox_events' | 'inbox_events'): string {
  return `"${validateSchemaName(schema)}"."${table}"`;
}

/** Name of the PostgreSQL notification channel the outbox trigger signals on each insert. */
export function outboxChannel(schema: string): string {
  return `atlas_outbox_${validateSchemaName(schema)}`;
}
