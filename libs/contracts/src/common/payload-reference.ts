import Type from 'typebox';

import type { Static, TSchema } from 'typebox';

/**
 * Pointer to a payload kept in the NATS object store because it may exceed the message size cap
 * (1 MB by default). Consumers fetch the object and verify its digest before use.
 */
export const PayloadReferenceSchema = Type.Object({
  /** Object store bucket. */
  bucket: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
  /** Object name inside the bucket. */
  name: Type.String({ minLength: 1, maxLength: 512 }),
  /** Size in bytes. */
  size: Type.Integer({ minimum: 0 }),
  /** SHA-256 of the content, `sha256:<64 hex>`. */
  digest: Type.String({ pattern: '^sha256:[0-9a-f]{64}$' }),
  /** Media type of the content. */
  mediaType: Type.String({ minLength: 1, maxLength: 128 }),
});
export type PayloadReference = Static<typeof PayloadReferenceSchema>;

/** Builds the schema of a value sent inline when small, or as an object store reference when it may exceed the cap. */
export function InlineOrReferenceSchema<Value extends TSchema>(value: Value) {
  return Type.Union([
    Type.Object({ kind: Type.Literal('inline'), value }),
    Type.Object({ kind: Type.Literal('reference'), reference: PayloadReferenceSchema }),
  ]);
}
