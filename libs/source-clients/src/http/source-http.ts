import { setTimeout as sleep } from 'node:timers/promises';

import pino from 'pino';
import type { Logger } from 'pino';

import { SourceClientError, SourceErrorCode } from '../errors';
import { createTokenBucketLimiter } from '../rate-limit/token-bucket';
import type { RateLimiter, TokenBucketRate } from '../rate-limit/rate-limiter';
import type { SourceName } from '../source-name';
import type { SourceClientOptions, TimeoutOptions } from './client-options';
import { buildUserAgent, DEFAULT_TIMEOUTS } from './client-options';
import { fetchOnce } from './fetch-once';
import type { AttemptResult } from './fetch-once';
import { redactUrl } from './redact-url';
import type { RetryOptions } from './retry-policy';
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter } from './retry-policy';

/** Query parameters of a request; repeated parameters (HAL `fq`) are arrays, undefined ones are left out. */
export type QueryParameters = Record<string, string | number | readonly string[] | undefined>;

/** A successful response body with the URL it came from (redacted). */
export interface TextResponse {
  body: string;
  url: string;
  contentType: string;
}

/**
 * HTTP transport of one source client: builds URLs under the base URL, waits for the rate limiter before
 * every attempt, and retries 408/425/429/5xx, timeouts and network errors with back-off.
 */
export class SourceHttp {
  readonly baseUrl: URL;
  /** Base URL as configured, used as is for requests to the root (`path` empty). */
  private readonly rootUrl: URL;
  private readonly userAgent: string;
  private readonly timeouts: TimeoutOptions;
  private readonly retry: RetryOptions;
  private readonly limiter: RateLimiter;
  private readonly limiterKey: string;
  private readonly logger: Logger;

  constructor(
    readonly source: SourceName,
    options: SourceClientOptions,
    defaultRate: TokenBucketRate,
  ) {
    this.rootUrl = new URL(options.baseUrl);
    this.baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.userAgent = buildUserAgent(options);
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.limiter = options.rateLimiter ?? createTokenBucketLimiter(defaultRate);
    this.limiterKey = options.rateLimitKey ?? source;
    this.logger = (options.logger ?? pino({ enabled: false })).child({ source });
  }

  /**
   * Builds the URL of `path` (relative to the base URL) with the given query. An empty path is the
   * base URL itself, so `https://export.arxiv.org/api/query` gets no trailing slash.
   */
  url(path: string, query: QueryParameters = {}): URL {
    const url = path ? new URL(path.replace(/^\//, ''), this.baseUrl) : new URL(this.rootUrl.href);
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      const values = Array.isArray(value) ? value : [String(value)];
      for (const item of values) url.searchParams.append(name, item);
    }
    return url;
  }

  /** Sends a GET request and returns the body of the 2xx response, retrying what is retryable. */
  async getText(url: URL, accept: string): Promise<TextResponse> {
    const headers = { accept, 'user-agent': this.userAgent };
    const shownUrl = redactUrl(url);

    for (let attempt = 1; ; attempt++) {
      await this.limiter.acquire(this.limiterKey);
      const result = await fetchOnce(url, headers, this.timeouts);
      if (result.kind === 'response' && result.status >= 200 && result.status < 300) {
        return { body: result.body, url: shownUrl, contentType: result.contentType };
      }
      const failure = this.toError(result, shownUrl, attempt);
      const delayMs = this.retryDelay(result, attempt);
      if (delayMs === undefined) throw failure;

      this.logger.warn(
        { url: shownUrl, attempt, delayMs, status: failure.status, code: failure.code },
        `${this.source} request failed, retrying in ${delayMs} ms`,
      );
      await sleep(delayMs);
    }
  }

  /** Returns the delay before the next attempt, or undefined when the failure is final. */
  private retryDelay(result: AttemptResult, attempt: number): number | undefined {
    if (attempt >= this.retry.maxAttempts) return undefined;
    if (result.kind === 'response' && !isRetryableStatus(result.status)) return undefined;

    const retryAfter = result.kind === 'response' ? parseRetryAfter(result.retryAfter) : undefined;
    if (retryAfter === undefined) return backoffDelay(attempt, this.retry);
    return retryAfter <= this.retry.maxRetryAfterMs ? retryAfter : undefined;
  }

  private toError(result: AttemptResult, url: string, attempts: number): SourceClientError {
    const details = { source: this.source, url, attempts };
    if (result.kind === 'timeout') {
      const message = `${this.source} request timed out after ${result.limitMs} ms (${result.phase}): ${url}`;
      return new SourceClientError(SourceErrorCode.timeout, message, { ...details, cause: result.cause });
    }
    if (result.kind === 'network') {
      const message = `${this.source} request failed (network error): ${url}`;
      return new SourceClientError(SourceErrorCode.network, message, { ...details, cause: result.cause });
    }
    const message = `${this.source} returned HTTP ${result.status} for ${url}: ${result.body.slice(0, 200)}`;
    return new SourceClientError(SourceErrorCode.httpStatus, message, { ...details, status: result.status });
  }

  /** Creates the invalid-response error for a body that is not what the source documents. */
  invalidResponse(url: string, reason: string, cause?: unknown): SourceClientError {
    const message = `${this.source} returned an invalid response for ${url}: ${reason}`;
    return new SourceClientError(SourceErrorCode.invalidResponse, message, {
      source: this.source,
      url,
      cause,
    });
  }
}
