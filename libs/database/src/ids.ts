import { v7 } from 'uuid';

/**
 * Creates a UUIDv7 (RFC 9562): a 48-bit Unix millisecond timestamp followed by random bits, so ids
 * sort roughly by creation time and keep B-tree inserts local.
 */
export function newId(): string {
  return v7();
}

/** Returns the creation time encoded in a UUIDv7, in Unix milliseconds. */
export function uuidV7Timestamp(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
