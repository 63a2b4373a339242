import { RpcHandlerError } from '@atlas/messaging';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Encodes the id of the last notification of a page as an opaque cursor. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

/** Decodes a cursor from {@link encodeCursor}, rejecting anything else as a bad request. */
export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (UUID.test(id)) return id;
  throw new RpcHandlerError('BAD_REQUEST', 'Invalid cursor: pass back the nextCursor of the previous page');
}
