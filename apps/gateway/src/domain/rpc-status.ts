import type { RpcErrorCode } from '@atlas/contracts';

/** HTTP status of each reply error code of a service. */
export const HTTP_STATUS_BY_RPC_CODE: Readonly<Record<RpcErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 502,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
};

/** Messages shown for failures whose service message would reveal internals. */
const TRANSPORT_MESSAGES: Partial<Record<RpcErrorCode, string>> = {
  INTERNAL: 'A service failed to process the request; retry later or report the request id.',
  UNAVAILABLE: 'A service needed for this request is unavailable; retry in a moment.',
  TIMEOUT: 'A service needed for this request did not answer in time; retry in a moment.',
};

/** Status, public code and message of a failed service call. */
export interface MappedRpcError {
  statusCode: number;
  code: string;
  message: string;
}

/**
 * Maps a service's error code to the HTTP status and code the client receives. With `hideForbidden`, FORBIDDEN becomes
 * 404 like NOT_FOUND, so a caller cannot learn that another profile's object exists.
 */
export function mapRpcError(code: RpcErrorCode, message: string, hideForbidden: boolean): MappedRpcError {
  if (hideForbidden && (code === 'FORBIDDEN' || code === 'NOT_FOUND')) {
    return { statusCode: 404, code: 'GATEWAY_ERR_NOT_FOUND', message: 'Not found' };
  }
  return {
    statusCode: HTTP_STATUS_BY_RPC_CODE[code],
    code: `GATEWAY_ERR_${code}`,
    message: TRANSPORT_MESSAGES[code] ?? message,
  };
}
