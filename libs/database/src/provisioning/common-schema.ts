import { COMMON_SCHEMA } from '../service-schemas';

/** Extensions installed into the common schema, so every service schema can use them qualified. */
export const COMMON_EXTENSIONS = ['pg_trgm', 'unaccent', 'btree_gin', 'citext', 'pgcrypto'] as const;

/** A function of the common schema, created when absent or when its body differs. */
export interface CommonFunction {
  /** Name and argument types, as `regprocedure` prints them without the schema. */
  signature: string;
  /** The function body exactly as pg_proc.prosrc stores it. */
  body: string;
  /** The complete CREATE OR REPLACE statement. */
  create: string;
}

// Layout (RFC 9562, section 5.7): 48-bit Unix milliseconds, 4-bit version 0111, 12 random bits,
// 2-bit variant 10, 62 random bits. gen_random_uuid() provides the random bytes; the version and
// variant bits it sets are overwritten.
const UUID_V7_BODY = `
DECLARE
  unix_ms bigint := floor(extract(epoch FROM clock_timestamp()) * 1000);
  bytes bytea := uuid_send(gen_random_uuid());
BEGIN
  bytes := overlay(bytes PLACING substring(int8send(unix_ms) FROM 3 FOR 6) FROM 1 FOR 6);
  bytes := set_byte(bytes, 6, (get_byte(bytes, 6) & 15) | 112);
  bytes := set_byte(bytes, 8, (get_byte(bytes, 8) & 63) | 128);
  RETURN encode(bytes, 'hex')::uuid;
END
`;

// unaccent() is STABLE because its dictionary could change; pinning the dictionary by name makes
// the result depend on the argument only, which an index expression requires.
const IMMUTABLE_UNACCENT_BODY = `
SELECT ${COMMON_SCHEMA}.unaccent('${COMMON_SCHEMA}.unaccent'::regdictionary, $1)
`;

const REJECT_UPDATE_DELETE_BODY = `
BEGIN
  RAISE EXCEPTION 'table %.% is append-only: % is not allowed', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Rows of this table are kept forever; record a new row instead.';
END
`;

/** The functions every service may use. */
export const COMMON_FUNCTIONS: readonly CommonFunction[] = [
  {
    signature: 'uuid_generate_v7()',
    body: UUID_V7_BODY,
    create:
      `CREATE OR REPLACE FUNCTION ${COMMON_SCHEMA}.uuid_generate_v7() RETURNS uuid ` +
      `LANGUAGE plpgsql VOLATILE PARALLEL SAFE AS $fn$${UUID_V7_BODY}$fn$`,
  },
  {
    signature: 'immutable_unaccent(text)',
    body: IMMUTABLE_UNACCENT_BODY,
    create:
      `CREATE OR REPLACE FUNCTION ${COMMON_SCHEMA}.immutable_unaccent(text) RETURNS text ` +
      `LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$${IMMUTABLE_UNACCENT_BODY}$fn$`,
  },
  {
    // Attach as BEFORE UPDATE OR DELETE ... FOR EACH ROW and BEFORE TRUNCATE ... FOR EACH STATEMENT.
    signature: 'reject_update_delete()',
    body: REJECT_UPDATE_DELETE_BODY,
    create:
      `CREATE OR REPLACE FUNCTION ${COMMON_SCHEMA}.reject_update_delete() RETURNS trigger ` +
      `LANGUAGE plpgsql AS $fn$${REJECT_UPDATE_DELETE_BODY}$fn$`,
  },
];
