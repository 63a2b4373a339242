import { metrics } from '@opentelemetry/api';

import type { Counter, Histogram, Meter, MetricOptions, UpDownCounter } from '@opentelemetry/api';

import { getTelemetryServiceName } from './telemetry';

/** Bucket boundaries in seconds for request and job durations, from 5 ms to 30 s. */
export const DURATION_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Returns the meter of this service. The API hands out no-op meters before the SDK registers its
 * provider, so instruments must be created after `startTelemetry`.
 */
export function getMeter(): Meter {
  return metrics.getMeter(getTelemetryServiceName() ?? 'atlas');
}

/** Creates a monotonic counter, e.g. `atlas_ingest_records_stored_total`. */
export function createCounter(name: string, options: MetricOptions = {}): Counter {
  return getMeter().createCounter(name, options);
}

/** Creates a counter that can go down, e.g. connections in use. */
export function createUpDownCounter(name: string, options: MetricOptions = {}): UpDownCounter {
  return getMeter().createUpDownCounter(name, options);
}

/** Creates a histogram; durations default to seconds with `DURATION_BUCKETS_SECONDS`. */
export function createHistogram(name: string, options: MetricOptions = {}): Histogram {
  const advice = options.advice ?? { explicitBucketBoundaries: DURATION_BUCKETS_SECONDS };
  return getMeter().createHistogram(name, { unit: 's', ...options, advice });
}
