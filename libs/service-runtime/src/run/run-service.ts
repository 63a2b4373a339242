import closeWithGrace from 'close-with-grace';
import pino from 'pino';

import type { Static, TObject } from 'typebox';

import { ConfigError, loadConfig, redactConfig } from '@atlas/config';
import { createLoggerOptions, shutdownTelemetry, startTelemetry } from '@atlas/observability';

import type { BaseServiceConfig, ServiceApp } from './build-service';

/** Options of `runService`. */
export interface RunServiceOptions<S extends TObject> {
  /** Service name for logs, metrics and traces. */
  name: string;
  /** The service's environment schema. */
  configSchema: S;
  /**
   * Loads the app plugin, typically `() => import('./app')`. Loading it lazily lets telemetry start
   * before pg, ioredis and the HTTP server are required, which is when they get instrumented.
   */
  loadApp: () => Promise<{ default: ServiceApp<Static<S> & BaseServiceConfig> }>;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs a service process: parses the configuration (exiting 1 with every bad variable named),
 * starts telemetry, builds the server, listens, and on SIGTERM or SIGINT closes everything within
 * the shutdown timeout. Logs a line when it starts, stops and fails; a failure to start exits 1, so
 * the returned promise never rejects.
 */
export async function runService<S extends TObject>(options: RunServiceOptions<S>): Promise<void> {
  try {
    await startService(options);
  } catch (error) {
    const logger = pino(createLoggerOptions({ serviceName: options.name, level: 'info' }));
    logger.fatal({ err: error }, `${options.name} failed to start`);
    await shutdownTelemetry();
    process.exit(1);
  }
}

async function startService<S extends TObject>(options: RunServiceOptions<S>): Promise<void> {
  const config = readConfigOrExit(options);

  startTelemetry({ serviceName: options.name, ...optionalEndpoint(config.otlpEndpoint) });
  const { buildService } = await import('./build-service');
  const { default: app } = await options.loadApp();
  const server = await buildService({ name: options.name, config, app });

  closeWithGrace(
    {
      delay: config.shutdownTimeoutMs,
      logger: { error: (message: unknown) => server.log.error(message) },
      onTimeout: (delay) =>
        server.log.error(`stop timed out after ${delay} ms; exiting without a clean close`),
    },
    async ({ signal, err }) => {
      if (err) server.log.error({ err }, 'stopping after an uncaught error');
      else server.log.info({ signal }, `stopping on ${signal ?? 'request'}`);
      await server.close();
      await shutdownTelemetry();
      server.log.info(`${options.name} stopped`);
    },
  );

  await server.listen({ host: config.host, port: config.port });
  server.log.info({ config: redactConfig(options.configSchema, config) }, `${options.name} started`);
}

function readConfigOrExit<S extends TObject>(options: RunServiceOptions<S>): Static<S> & BaseServiceConfig {
  try {
    return loadConfig(options.configSchema, options.env ?? process.env) as Static<S> & BaseServiceConfig;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The configured log level is unknown here, so the failure is written at fatal, which every level shows.
    const logger = pino(createLoggerOptions({ serviceName: options.name, level: 'info' }));
    logger.fatal({ code: error.code, issues: error.issues }, error.message);
    process.exit(1);
  }
}

function optionalEndpoint(endpoint: string | undefined): { otlpEndpoint?: string } {
  return endpoint ? { otlpEndpoint: endpoint } : {};
}
