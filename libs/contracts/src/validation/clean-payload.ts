import { Value } from 'typebox/value';

import type { Static, TSchema } from 'typebox';

/** Error raised when a payload does not match its schema after cleaning. */
export class PayloadValidationError extends Error {
  override readonly name = 'PayloadValidationError';
  readonly code = 'CONTRACTS_ERR_INVALID_PAYLOAD';

  constructor(
    message: string,
    readonly violations: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/**
 * Copies a payload keeping only the properties its schema declares, then checks it. TypeBox objects
 * accept extra properties, so a publisher that builds a public payload from an internal object must
 * pass it through here, or fields such as an e-mail address would travel along unnoticed.
 */
export function cleanPayload<Schema extends TSchema>(schema: Schema, payload: unknown): Static<Schema> {
  const cleaned = Value.Clean(schema, structuredClone(payload));

  if (!Value.Check(schema, cleaned)) {
    const violations = [...Value.Errors(schema, cleaned)].map((error) => ({
      path: error.instancePath,
      message: error.message,
    }));
    throw new PayloadValidationError(
      `payload does not match its schema: ${violations[0]?.message}`,
      violations,
    );
  }
  return cleaned;
}
