import type { Logger } from 'pino';

import type { RateLimiter } from '../rate-limit/rate-limiter';
import type { RetryOptions } from './retry-policy';

/** Time limits of one attempt, in milliseconds. */
export interface TimeoutOptions {
  /**
   * Limit until the response headers arrive (connection, TLS, and the server's time to respond).
   * NOTE: Node's built-in fetch exposes no separate connect phase, so this covers both.
   */
  connectMs: number;
  /** Limit of the whole attempt, reading the body included. */
  totalMs: number;
}

/** Settings shared by every source client. */
export interface SourceClientOptions {
  /** API root, e.g. `https://api.openalex.org`; tests point it at a local replay server. */
  baseUrl: string;
  /** Contact address for the sources' polite pools (OpenAlex `mailto`, Crossref User-Agent). */
  mailto?: string;
  /** Application name and version for the User-Agent, e.g. `AtlasVerify/1.0 (https://example.org)`. */
  userAgent?: string;
  timeouts?: Partial<TimeoutOptions>;
  retry?: Partial<RetryOptions>;
  /** Limiter asked before every attempt (default: the source's documented rate, in process). */
  rateLimiter?: RateLimiter;
  /** Key under which the limiter counts this client's requests (default: the source name). */
  rateLimitKey?: string;
  /** Logger for retries and failures; silent when absent. */
  logger?: Logger;
}

/** Time limits used where a client is given none. */
export const DEFAULT_TIMEOUTS: TimeoutOptions = { connectMs: 10_000, totalMs: 60_000 };

/** User-Agent product token used where a client is given none. */
export const DEFAULT_USER_AGENT = 'AtlasVerify/1.0';

/** Builds the User-Agent header, with the contact address in the form Crossref's etiquette requests. */
export function buildUserAgent(options: SourceClientOptions): string {
  const product = options.userAgent ?? DEFAULT_USER_AGENT;
  return options.mailto ? `${product} (mailto:${options.mailto})` : product;
}
