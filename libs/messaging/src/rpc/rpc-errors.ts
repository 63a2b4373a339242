import { RPC_ERROR_CODES } from '@atlas/contracts';
import type { RpcErrorCode } from '@atlas/contracts';

/** Error a request handler throws to send a coded error reply; its message reaches the caller. */
export class RpcHandlerError extends Error {
  override readonly name = 'RpcHandlerError';

  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** Error `callRpc` throws when the call fails or the service replies with an error. */
export class RpcCallError extends Error {
  override readonly name = 'RpcCallError';

  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** Checks whether a value is one of the reply error codes. */
export function isRpcErrorCode(value: unknown): value is RpcErrorCode {
  return typeof value === 'string' && (RPC_ERROR_CODES as readonly string[]).includes(value);
}

// Error replies carry a numeric code in the services framework's `Nats-Service-Error-Code` header.
// HTTP statuses make that number readable to tools such as `nats micro`.
const STATUS_BY_CODE: Record<RpcErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
};

/** Numeric status the services framework records for an error code. */
export function serviceErrorStatus(code: RpcErrorCode): number {
  return STATUS_BY_CODE[code];
}
