import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { NodeSDK, tracing } from '@opentelemetry/sdk-node';

import type { Instrumentation } from '@opentelemetry/instrumentation';

import { createInstrumentations } from './instrumentations';

/** Options of `startTelemetry`. */
export interface TelemetryOptions {
  /** Service name reported on every span and metric (`service.name`). */
  serviceName: string;
  /** OTLP/HTTP collector base URL, e.g. `http://127.0.0.1:4318`; without it spans stay in-process. */
  otlpEndpoint?: string;
  /** Span processors replacing the default export; tests pass an in-memory exporter here. */
  spanProcessors?: tracing.SpanProcessor[];
  /** Instrumentations replacing the default set (HTTP, pg, ioredis). */
  instrumentations?: Instrumentation[];
}

interface TelemetryState {
  sdk: NodeSDK;
  prometheus: PrometheusExporter;
  serviceName: string;
}

let state: TelemetryState | undefined;

/**
 * Starts the OpenTelemetry SDK: tracing with W3C propagation, Prometheus metrics served by the
 * service's own `/metrics` route, and the HTTP, pg and ioredis instrumentations. Call it before any
 * other module of the service is loaded. A second call while running is ignored.
 */
export function startTelemetry(options: TelemetryOptions): void {
  if (state) return;

  // The exporter only collects; the service's HTTP server serves the text on /metrics.
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    metricReaders: [prometheus],
    spanProcessors: options.spanProcessors ?? defaultSpanProcessors(options.otlpEndpoint),
    // Logs go to stdout through pino; an empty list stops the SDK from defaulting to an OTLP log exporter.
    logRecordProcessors: [],
    instrumentations: options.instrumentations ?? createInstrumentations(),
  });
  sdk.start();
  state = { sdk, prometheus, serviceName: options.serviceName };
}

function defaultSpanProcessors(otlpEndpoint: string | undefined): tracing.SpanProcessor[] {
  if (otlpEndpoint) {
    const url = new URL('v1/traces', otlpEndpoint.endsWith('/') ? otlpEndpoint : `${otlpEndpoint}/`);
    return [new tracing.BatchSpanProcessor(new OTLPTraceExporter({ url: url.toString() }))];
  }
  // Without a collector, spans are still created so that logs and NATS headers carry trace ids.
  return [new tracing.NoopSpanProcessor()];
}

/**
 * Flushes and stops the SDK, then clears the global providers so that telemetry can start again
 * (tests do). Safe to call when telemetry is not running.
 */
export async function shutdownTelemetry(): Promise<void> {
  const current = state;
  if (!current) return;
  state = undefined;

  try {
    await current.sdk.shutdown();
  } finally {
    trace.disable();
    metrics.disable();
    propagation.disable();
    context.disable();
  }
}

/** Returns the Prometheus exporter of the running SDK, or undefined before `startTelemetry`. */
export function getPrometheusExporter(): PrometheusExporter | undefined {
  return state?.prometheus;
}

/** Returns the service name telemetry was started with, or undefined before `startTelemetry`. */
export function getTelemetryServiceName(): string | undefined {
  return state?.serviceName;
}
