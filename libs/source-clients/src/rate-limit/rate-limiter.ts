/**
 * Grants permission to send one request. Implementations may be per process or shared between
 * processes (Redis), so that all replicas together stay under a source's limit.
 */
export interface RateLimiter {
  /** Resolves when one request under `key` (usually the source name) may be sent. */
  acquire(key: string): Promise<void>;
}

/** Rate of a token bucket: `ratePerSecond` tokens refilled continuously, at most `burst` stored. */
export interface TokenBucketRate {
  /** Requests allowed per second on average. */
  ratePerSecond: number;
  /** Requests that may be sent back to back after a quiet period (at least 1). */
  burst: number;
}

/** Rejects a rate that cannot be enforced. */
export function assertValidRate(rate: TokenBucketRate): void {
  if (!(rate.ratePerSecond > 0) || !Number.isFinite(rate.ratePerSecond))
    throw new RangeError(`ratePerSecond must be a positive number, got ${rate.ratePerSecond}`);
  if (!Number.isInteger(rate.burst) || rate.burst < 1)
    throw new RangeError(`burst must be an integer of at least 1, got ${rate.burst}`);
}

/** A limiter that never waits, for callers that do their own pacing. */
export const UNLIMITED: RateLimiter = { acquire: () => Promise.resolve() };
