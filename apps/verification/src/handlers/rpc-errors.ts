import { RpcHandlerError } from '@atlas/messaging';

import { VerificationError } from '../domain/errors';

/** Turns the service's own errors into coded replies that keep their details and reason. */
export function toRpcError(error: unknown): unknown {
  if (error instanceof VerificationError) {
    return new RpcHandlerError(
      error.code,
      error.message,
      { ...error.details, reason: error.reason },
      { cause: error },
    );
  }
  const pgCode = (error as { code?: unknown } | null)?.code;
  // A CHECK constraint names the value the database refused.
  if (pgCode === '23514' || pgCode === '22P02') {
    return new RpcHandlerError('BAD_REQUEST', (error as Error).message, {}, { cause: error });
  }
  return error;
}

/** Wraps a handler so that its errors reach the caller as coded replies. */
export function replyingErrors<Args extends unknown[], Result>(
  handle: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return async (...args: Args) => {
    try {
      return await handle(...args);
    } catch (error) {
      throw toRpcError(error);
    }
  };
}
