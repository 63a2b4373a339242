import { metrics } from '@opentelemetry/api';

import type {
  Attributes,
  Counter,
  Histogram,
  Meter,
  MetricOptions,
  ObservableResult,
  UpDownCounter,
} from '@opentelemetry/api';

import { getTelemetryServiceName } from './telemetry';

import type { MetricDeclaration } from './metric-catalog';

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

/** Creates the counter of a declared metric. */
export function counterOf(declaration: MetricDeclaration): Counter {
  return createCounter(declaration.name, { description: declaration.description });
}

/** Creates the histogram of a declared duration metric, in seconds with `DURATION_BUCKETS_SECONDS`. */
export function histogramOf(declaration: MetricDeclaration): Histogram {
  return createHistogram(declaration.name, { description: declaration.description });
}

/** Creates a gauge of a declared metric that the code raises and lowers, e.g. open streams. */
export function upDownCounterOf(declaration: MetricDeclaration): UpDownCounter {
  return createUpDownCounter(declaration.name, { description: declaration.description });
}

/**
 * Creates a gauge of a declared metric whose value `read` returns at each collection, as
 * `[value, attributes]` pairs. A failing read is reported to `onError` and leaves the gauge without
 * a sample for that scrape, so a scrape never fails because a dependency is down.
 */
export function observeGauge(
  declaration: MetricDeclaration,
  read: () => Promise<Array<[number, Attributes]>>,
  onError: (error: unknown) => void,
): () => void {
  const gauge = getMeter().createObservableGauge(declaration.name, { description: declaration.description });
  const callback = async (result: ObservableResult) => {
    try {
      for (const [value, attributes] of await read()) result.observe(value, attributes);
    } catch (error) {
      onError(error);
    }
  };
  gauge.addCallback(callback);
  return () => gauge.removeCallback(callback);
}
