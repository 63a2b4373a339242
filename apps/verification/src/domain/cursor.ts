import { VerificationError, VerificationErrorReason } from './errors';

/** Encodes the keyset position after the last item of a page. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor this service issued; anything else is a BAD_REQUEST naming it. */
export function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === length) return values as (string | number)[];
  } catch {
    // Falls through to the error below.
  }
  throw new VerificationError(
    'BAD_REQUEST',
    VerificationErrorReason.invalidCursor,
    `Cursor ${cursor} is not valid: send back the nextCursor of the previous page unchanged, or leave cursor out for the first page`,
    { cursor },
  );
}
