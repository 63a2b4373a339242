import ajvFormats from 'ajv-formats';
import pino from 'pino';

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Plugin as AjvPlugin } from 'ajv';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { DestinationStream } from 'pino';

import { createLoggerOptions } from '@atlas/observability';

import { healthRoutes } from '../health/health.routes';
import { ReadinessRegistry } from '../health/readiness-registry';
import { CORRELATION_ID_HEADER, resolveCorrelationId } from './correlation-id';
import { installRequestTextChecks } from './request-text-checks';
import { installErrorHandler } from './error-handler';
import { metricsRoutes } from './metrics.routes';
import { installRequestMetrics } from './request-metrics';
import { DEFAULT_SERVER_LIMITS } from './server-timeouts';

import type { ServerLimits } from './server-timeouts';

/** Options of `createServer`. */
export interface CreateServerOptions {
  /** Service name written on every log line. */
  serviceName: string;
  /** Minimum log level. */
  logLevel: string;
  /** Destination of the log lines: standard output by default, a capturing stream in tests. */
  logStream?: DestinationStream;
  limits?: Partial<ServerLimits>;
}

/** A service's Fastify instance with the TypeBox type provider. */
export type AtlasServer = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

// ajv-formats types its options as required where Fastify's Ajv plugin type passes `unknown`.
const formatsPlugin = ajvFormats as unknown as AjvPlugin<unknown>;

/** Paths polled by orchestrators and Prometheus every few seconds; their request lines are not logged. */
const PROBE_PATHS = new Set(['/health', '/health/ready', '/metrics']);

function isProbeRequest(request: { url?: string }): boolean {
  return PROBE_PATHS.has((request.url ?? '').split('?')[0] ?? '');
}

/**
 * Builds the HTTP server every service shares: pino JSON logs, explicit timeouts, correlation ids,
 * one error handler, `/health`, `/health/ready` and `/metrics`. Fastify is loaded here, not at the top
 * of the module, so that telemetry started before this call instruments the HTTP server.
 */
export async function createServer(options: CreateServerOptions): Promise<AtlasServer> {
  const { default: Fastify, LogController } = await import('fastify');
  const limits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
  const loggerOptions = createLoggerOptions({ serviceName: options.serviceName, level: options.logLevel });
  const logger: FastifyBaseLogger = pino(
    loggerOptions,
    options.logStream ?? pino.destination({ fd: 1, sync: true }),
  );

  const app = Fastify({
    loggerInstance: logger,
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    bodyLimit: limits.bodyLimitBytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: isProbeRequest,
    }),
    genReqId: resolveCorrelationId,
    // A schema that closes an object refuses unknown fields instead of dropping them, so a misspelt
    // field gets an error rather than being ignored.
    ajv: { customOptions: { allErrors: true, removeAdditional: false }, plugins: [formatsPlugin] },
  });

  const readiness = new ReadinessRegistry();
  app.decorate('readiness', readiness);
  app.addHook('onRequest', async (request, reply) => {
    reply.header(CORRELATION_ID_HEADER, request.id);
  });
  installErrorHandler(app);
  installRequestTextChecks(app);
  installRequestMetrics(app);
  await app.register(healthRoutes, { readiness });
  await app.register(metricsRoutes);
  return app.withTypeProvider<TypeBoxTypeProvider>();
}
