/** Details attached to an error response, e.g. the fields that failed validation. */
export type ErrorDetails = Record<string, unknown> | unknown[];

/** Options of a `ServiceError`. */
export interface ServiceErrorOptions {
  /** Stable machine-readable code with the service prefix, e.g. `VERIFICATION_ERR_CANDIDATE_NOT_FOUND`. */
  code: string;
  /** HTTP status the error maps to. */
  statusCode: number;
  /** Message shown to the client; for 5xx the client sees a generic message instead. */
  message: string;
  details?: ErrorDetails;
  cause?: unknown;
}

/** An error a route raises on purpose, mapped by the error handler to its status and code. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  readonly code: string;
  readonly statusCode: number;
  readonly details?: ErrorDetails;

  constructor(options: ServiceErrorOptions) {
    super(options.message, { cause: options.cause });
    this.code = options.code;
    this.statusCode = options.statusCode;
    if (options.details !== undefined) this.details = options.details;
  }
}

/** Codes of the errors the shared runtime itself returns. */
export const RuntimeErrorCode = {
  validation: 'RUNTIME_ERR_VALIDATION',
  routeNotFound: 'RUNTIME_ERR_ROUTE_NOT_FOUND',
  methodNotAllowed: 'RUNTIME_ERR_METHOD_NOT_ALLOWED',
  internal: 'RUNTIME_ERR_INTERNAL',
  unavailable: 'RUNTIME_ERR_UNAVAILABLE',
  request: 'RUNTIME_ERR_BAD_REQUEST',
  invalidUtf8: 'RUNTIME_ERR_INVALID_UTF8',
} as const;
export type RuntimeErrorCode = (typeof RuntimeErrorCode)[keyof typeof RuntimeErrorCode];
