import { createHash } from 'node:crypto';

/**
 * Returns the offset of a profile inside the synchronisation period, from a hash of its id, so that
 * the profiles' scheduled runs spread evenly over the period instead of starting together.
 */
export function slotOffsetMs(profileId: string, periodMs: number): number {
  const hash = createHash('sha256').update(profileId).digest();
  return Number(hash.readBigUInt64BE(0) % BigInt(periodMs));
}

/** Returns the first time after `now` at which the profile's slot in the period starts. */
export function nextSlot(profileId: string, periodMs: number, now: Date): Date {
  const offset = slotOffsetMs(profileId, periodMs);
  const periodStart = Math.floor((now.getTime() - offset) / periodMs) * periodMs + offset;
  return new Date(periodStart + periodMs);
}

/** Returns the delay before the retry that follows `failures` failures in a row, doubling each time. */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(baseMs * 2 ** exponent, maxMs);
}
