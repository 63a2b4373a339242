import { METRICS, histogramOf } from '@atlas/observability';

import type { FastifyInstance } from 'fastify';

/**
 * Records `http_server_request_duration_seconds` per route template, method and status, so that
 * dashboards can chart latency and error rates without high-cardinality URLs.
 */
export function installRequestMetrics(app: FastifyInstance): void {
  const duration = histogramOf(METRICS.httpRequestDuration);

  app.addHook('onResponse', async (request, reply) => {
    duration.record(reply.elapsedTime / 1000, {
      http_request_method: request.method,
      http_route: request.routeOptions.url ?? 'unmatched',
      http_response_status_code: reply.statusCode,
    });
  });
}
