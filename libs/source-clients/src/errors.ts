import type { SourceName } from './source-name';

/** Error codes of the source clients; each names one kind of failure and is never reused. */
export const SourceErrorCode = {
  httpStatus: 'SOURCE_ERR_HTTP_STATUS',
  timeout: 'SOURCE_ERR_TIMEOUT',
  network: 'SOURCE_ERR_NETWORK',
  invalidResponse: 'SOURCE_ERR_INVALID_RESPONSE',
  invalidResumeToken: 'SOURCE_ERR_INVALID_RESUME_TOKEN',
} as const;

/** One of the `SOURCE_ERR_*` codes. */
export type SourceErrorCode = (typeof SourceErrorCode)[keyof typeof SourceErrorCode];

/** Details carried by a {@link SourceClientError}. */
export interface SourceClientErrorDetails {
  /** Source the request went to. */
  source: SourceName;
  /** Request URL with credentials and secret query parameters redacted. */
  url?: string;
  /** HTTP status of the last response, when one arrived. */
  status?: number;
  /** Number of attempts made before giving up. */
  attempts?: number;
  /** Underlying error (network failure, parse error, abort). */
  cause?: unknown;
}

/** Failure of a source API request, after retries where the failure was retryable. */
export class SourceClientError extends Error {
  override readonly name = 'SourceClientError';
  readonly code: SourceErrorCode;
  readonly source: SourceName;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly attempts: number | undefined;

  constructor(code: SourceErrorCode, message: string, details: SourceClientErrorDetails) {
    super(message, { cause: details.cause });
    this.code = code;
    this.source = details.source;
    this.url = details.url;
    this.status = details.status;
    this.attempts = details.attempts;
  }
}
