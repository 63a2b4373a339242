import Type from 'typebox';

/** The services of the system, each with its own port and database role. */
export const SERVICE_NAMES = ['gateway', 'ingest', 'matching', 'verification', 'notification'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Port each service listens on unless `ATLAS_<SERVICE>_PORT` says otherwise. */
export const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = {
  gateway: 3000,
  ingest: 3001,
  matching: 3002,
  verification: 3003,
  notification: 3004,
};

/** Log levels pino accepts. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Returns the environment variable prefix of a service, e.g. `ATLAS_GATEWAY`. */
export function servicePrefix(service: ServiceName): string {
  return `ATLAS_${service.toUpperCase()}`;
}

/** Settings every service process has: where it listens, how it logs, stops and exports traces. */
export function serviceSettings(service: ServiceName) {
  return {
    host: Type.String({
      env: 'ATLAS_HOST',
      default: '127.0.0.1',
      minLength: 1,
      description: 'the interface to listen on, e.g. 127.0.0.1 or 0.0.0.0',
    }),
    port: Type.Integer({
      env: `${servicePrefix(service)}_PORT`,
      default: DEFAULT_PORTS[service],
      minimum: 1,
      maximum: 65535,
      description: `the TCP port of the ${service} service`,
    }),
    logLevel: Type.Union(
      LOG_LEVELS.map((level) => Type.Literal(level)),
      { env: 'ATLAS_LOG_LEVEL', default: 'info', description: 'the minimum level of log lines' },
    ),
    shutdownTimeoutMs: Type.Integer({
      env: 'ATLAS_SHUTDOWN_TIMEOUT_MS',
      default: 10_000,
      minimum: 100,
      description: 'milliseconds a graceful stop may take before the process exits anyway',
    }),
    otlpEndpoint: Type.Optional(
      Type.String({
        env: 'ATLAS_OTLP_ENDPOINT',
        protocols: ['http:', 'https:'],
        description: 'the OTLP/HTTP collector URL that receives traces, e.g. http://127.0.0.1:4318',
      }),
    ),
  };
}

/** The NATS server a service connects to. */
export function natsSettings() {
  return {
    natsUrl: Type.String({
      env: 'NATS_URL',
      protocols: ['nats:', 'tls:'],
      urlList: true,
      secret: true,
      description:
        'the NATS server URL, or the URLs of the nodes of a cluster separated by commas, e.g. nats://127.0.0.1:4222',
    }),
    natsStreamReplicas: Type.Integer({
      env: 'ATLAS_NATS_STREAM_REPLICAS',
      default: 1,
      minimum: 1,
      maximum: 5,
      description: 'how many nodes keep a copy of each stream: 1 on a single server, 3 on a cluster of three',
    }),
  };
}

/** The Redis server a service connects to. */
export function redisSettings() {
  return {
    redisUrl: Type.String({
      env: 'REDIS_URL',
      protocols: ['redis:', 'rediss:'],
      secret: true,
      description: 'the Redis server URL, e.g. redis://127.0.0.1:6379',
    }),
  };
}

/**
 * The PostgreSQL URL of a service: `ATLAS_<SERVICE>_DATABASE_URL` with the credentials of its runtime
 * role, falling back to `DATABASE_URL`.
 */
export function databaseSettings(service: ServiceName) {
  return {
    databaseUrl: Type.String({
      env: `${servicePrefix(service)}_DATABASE_URL`,
      fallbackEnv: 'DATABASE_URL',
      protocols: ['postgres:', 'postgresql:'],
      secret: true,
      description: `a postgres:// URL with the ${service} runtime role's credentials`,
    }),
  };
}
