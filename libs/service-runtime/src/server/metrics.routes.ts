import { getMetricsHandler, MetricsUnavailableError } from '@atlas/observability';

import type { FastifyInstance } from 'fastify';

import { RuntimeErrorCode, ServiceError } from './service-error';

/** Adds `/metrics` with this process's metrics in the Prometheus text format. */
export async function metricsRoutes(app: FastifyInstance) {
  const handler = getMetricsHandler();

  app.get('/metrics', async (request, reply) => {
    try {
      await handler(request, reply);
    } catch (error) {
      if (!(error instanceof MetricsUnavailableError)) throw error;
      throw new ServiceError({
        code: RuntimeErrorCode.unavailable,
        statusCode: 503,
        message: error.message,
        cause: error,
      });
    }
    return reply;
  });
}
