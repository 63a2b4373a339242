import type { FastifyError, FastifyInstance } from 'fastify';

import { ServiceError } from '@atlas/service-runtime';

/**
 * 5xx codes whose message is written for clients: an unreachable or slow service, or a session
 * store that is down. The shared handler replaces every other 5xx message with a generic one.
 */
const CLIENT_FACING_5XX = new Set([
  'GATEWAY_ERR_UNAVAILABLE',
  'GATEWAY_ERR_TIMEOUT',
  'GATEWAY_ERR_INTERNAL',
  'GATEWAY_ERR_SESSION_STORE_UNAVAILABLE',
  'GATEWAY_ERR_SIGN_IN_NOT_CONFIGURED',
  'GATEWAY_ERR_SIGN_IN_PROVIDER_UNAVAILABLE',
]);

/**
 * Responds to the gateway's client-facing 5xx errors with their own message, in the shared error shape;
 * every other error goes on to the shared handler.
 */
export function installServiceErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ServiceError, request, reply) => {
    if (!(error instanceof ServiceError) || !CLIENT_FACING_5XX.has(error.code)) throw error;
    request.log.warn(
      { err: error, method: request.method, url: request.url, statusCode: error.statusCode },
      error.message,
    );
    const body = { code: error.code, message: error.message, requestId: request.id };
    return reply.code(error.statusCode).send({ error: body });
  });
}
