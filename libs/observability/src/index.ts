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
  counterOf,
  DURATION_BUCKETS_SECONDS,
  getMeter,
  histogramOf,
  observeGauge,
  upDownCounterOf,
} from './metric-instruments';
export {
  METRICS,
  METRIC_DECLARATIONS,
  metricsOfService,
  missingFromScrape,
  seriesNames,
} from './metric-catalog';
export type { MetricDeclaration, MetricKind } from './metric-catalog';
export { createLoggerOptions, LOG_REDACTED, REDACTED_LOG_PATHS, traceContextMixin } from './logger-options';
export type { ServiceLoggerOptions } from './logger-options';
