export { loadConfig } from './load-config';
export { ConfigError } from './config-error';
export type { ConfigIssue } from './config-error';
export { redactConfig, REDACTED } from './redact-config';
export type { EnvOptions, EnvPropertySchema } from './env-options';
export {
  DEFAULT_PORTS,
  LOG_LEVELS,
  SERVICE_NAMES,
  databaseSettings,
  natsSettings,
  redisSettings,
  servicePrefix,
  serviceSettings,
} from './fragments';
export type { LogLevel, ServiceName } from './fragments';
