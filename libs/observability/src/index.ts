export { startTelemetry, shutdownTelemetry, getPrometheusExporter } from './telemetry';
export type { TelemetryOptions } from './telemetry';
export {
  collectPrometheusText,
  getMetricsHandler,
  MetricsUnavailableError,
  PROMETHEUS_CONTENT_TYPE,
} from './metrics-handler';
export type { MetricsReply } from './metrics-handler';
export {
  createCounter,
  createHistogram,
  createUpDownCounter,
  DURATION_BUCKETS_SECONDS,
  getMeter,
} from './metric-instruments';
export { createLoggerOptions, LOG_REDACTED, REDACTED_LOG_PATHS, traceContextMixin } from './logger-options';
export type { ServiceLoggerOptions } from './logger-options';
