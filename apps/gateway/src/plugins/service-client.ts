import type { FastifyRequest } from 'fastify';
import type { Static, TSchema } from 'typebox';

import type { RpcDefinition } from '@atlas/contracts';
import { RpcCallError } from '@atlas/messaging';
import { ServiceError } from '@atlas/service-runtime';

import '../fastify-augment';
import { mapRpcError } from '../domain/rpc-status';

/** Options of one call from a route to a service. */
export interface CallServiceOptions {
  /** Return 404 for FORBIDDEN too, because the request named an object by id. */
  hideForbidden?: boolean;
}

function traceparentOf(request: FastifyRequest): string | undefined {
  const header = request.headers['traceparent'];
  return typeof header === 'string' ? header : undefined;
}

/**
 * Calls a service operation for an HTTP request, passing the correlation id and trace context on in
 * NATS headers. A failed call becomes a `ServiceError` with the HTTP status of its error code.
 */
export async function callService<Request extends TSchema, Result extends TSchema>(
  request: FastifyRequest,
  definition: RpcDefinition<Request, Result>,
  body: Static<Request>,
  options: CallServiceOptions = {},
): Promise<Static<Result>> {
  const traceparent = traceparentOf(request);
  const headers = traceparent ? { correlationId: request.id, traceparent } : { correlationId: request.id };
  try {
    return await request.server.eventBus.call(definition, body, {
      timeoutMs: request.server.rpcTimeoutMs,
      headers,
    });
  } catch (error) {
    if (!(error instanceof RpcCallError)) throw error;
    const mapped = mapRpcError(error.code, error.message, options.hideForbidden ?? false);
    throw new ServiceError({
      ...mapped,
      ...(error.details !== undefined && mapped.statusCode < 500 ? { details: error.details } : {}),
      cause: error,
    });
  }
}
