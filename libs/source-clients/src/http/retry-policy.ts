/** Retry settings of a client; delays are in milliseconds. */
export interface RetryOptions {
  /** Total attempts per request, the first included (default 5). */
  maxAttempts: number;
  /** Back-off before the second attempt; doubled for each later one (default 500). */
  baseDelayMs: number;
  /** Upper bound of a computed back-off (default 30 000). */
  maxDelayMs: number;
  /** Upper bound of a server's `Retry-After`; a longer one fails the request (default 120 000). */
  maxRetryAfterMs: number;
}

/** Retry settings used where a client is given none. */
export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** HTTP statuses worth retrying: rate limiting and server-side failures. */
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Tells whether a response status is worth another attempt. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * Computes the exponential back-off before attempt `attempt + 1` with "full jitter": a uniform
 * random delay between half and all of `base * 2^(attempt-1)`, capped by `maxDelayMs`, so that
 * clients failing together do not retry together.
 */
export function backoffDelay(attempt: number, options: RetryOptions, random = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Parses a `Retry-After` header (RFC 9110 section 10.2.3): delay-seconds or an HTTP date.
 * Returns the delay in milliseconds, 0 for a date in the past, or undefined when absent or invalid.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;

  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
