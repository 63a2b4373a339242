import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';

import { getPrometheusExporter } from './telemetry';

/** Content type of the Prometheus text exposition format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** The part of a Fastify reply the metrics handler uses. */
export interface MetricsReply {
  code(statusCode: number): MetricsReply;
  type(contentType: string): MetricsReply;
  send(payload: string): unknown;
}

/** Raised when metrics are requested before telemetry started. */
export class MetricsUnavailableError extends Error {
  override readonly name = 'MetricsUnavailableError';
  readonly code = 'OBSERVABILITY_ERR_NOT_STARTED';

  constructor() {
    super('Metrics are unavailable because startTelemetry() was not called in this process');
  }
}

const serializer = new PrometheusSerializer();

/** Collects the current metrics and renders them in the Prometheus text format. */
export async function collectPrometheusText(): Promise<string> {
  const exporter = getPrometheusExporter();
  if (!exporter) throw new MetricsUnavailableError();

  const { resourceMetrics } = await exporter.collect();
  return serializer.serialize(resourceMetrics);
}

/** Returns a route handler that serves the Prometheus text of this process's metrics. */
export function getMetricsHandler() {
  return async (_request: unknown, reply: MetricsReply): Promise<void> => {
    const text = await collectPrometheusText();
    reply.code(200).type(PROMETHEUS_CONTENT_TYPE).send(text);
  };
}
