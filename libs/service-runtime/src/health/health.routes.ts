import type { FastifyInstance } from 'fastify';

import type { ReadinessRegistry } from './readiness-registry';

/**
 * Adds `/health` (the process is alive) and `/health/ready` (every registered dependency responds):
 * 200 with each dependency's status, or 503 naming the dependencies that are down.
 */
export async function healthRoutes(app: FastifyInstance, options: { readiness: ReadinessRegistry }) {
  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/health/ready', async (request, reply) => {
    const report = await options.readiness.run();
    if (report.ready) return { status: 'ready', checks: report.checks };

    for (const failure of report.failures) {
      request.log.warn(
        { err: failure.error, dependency: failure.name },
        `readiness check of ${failure.name} failed`,
      );
    }
    const down = report.failures.map((failure) => failure.name);
    return reply.code(503).send({ status: 'unavailable', down, checks: report.checks });
  });
}
