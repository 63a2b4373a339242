import type { FastifyPluginAsync } from 'fastify';
import type { DestinationStream } from 'pino';

import { createServer } from '../server/create-server';

import type { AtlasServer } from '../server/create-server';
import type { ServerLimits } from '../server/server-timeouts';

/** Settings every service configuration has (see `serviceSettings` in `@atlas/config`). */
export interface BaseServiceConfig {
  host: string;
  port: number;
  logLevel: string;
  shutdownTimeoutMs: number;
  otlpEndpoint?: string;
}

/** Options a service's app plugin receives. */
export interface AppOptions<C extends BaseServiceConfig> {
  config: C;
}

/** A service: a Fastify plugin that registers its resources and routes. */
export type ServiceApp<C extends BaseServiceConfig> = FastifyPluginAsync<AppOptions<C>>;

/** Options of `buildService`. */
export interface BuildServiceOptions<C extends BaseServiceConfig> {
  name: string;
  config: C;
  app: ServiceApp<C>;
  logStream?: DestinationStream;
  limits?: Partial<ServerLimits>;
}

/** Creates the shared server and registers the service's app plugin on it, ready to listen or inject. */
export async function buildService<C extends BaseServiceConfig>(
  options: BuildServiceOptions<C>,
): Promise<AtlasServer> {
  const server = await createServer({
    serviceName: options.name,
    logLevel: options.config.logLevel,
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  await server.register(options.app, { config: options.config });
  await server.ready();
  return server;
}
