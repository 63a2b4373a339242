import type { Source } from '@atlas/contracts';
import { createCounter, createHistogram, getMeter } from '@atlas/observability';

import type { CircuitState } from './circuit-breaker';

const CIRCUIT_VALUES: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

/** Prometheus instruments of synchronisation. */
export interface SyncMetrics {
  runFinished(source: Source, outcome: 'succeeded' | 'failed', seconds: number): void;
  recordsSynced(
    source: Source,
    change: 'new' | 'changed' | 'unchanged' | 'removed' | 'rejected',
    count: number,
  ): void;
  circuitOpened(source: Source): void;
}

/**
 * Creates the instruments: `ingest_sync_runs_total{source,outcome}`, `ingest_sync_run_duration_seconds`,
 * `ingest_sync_records_total{source,change}`, `ingest_source_circuit_opened_total{source}` and the
 * gauge `ingest_source_circuit_state{source}` (0 closed, 1 half open, 2 open, as this replica last saw it).
 */
export function createSyncMetrics(circuitStates: () => ReadonlyMap<Source, CircuitState>): SyncMetrics {
  const runs = createCounter('ingest_sync_runs_total', {
    description: 'Synchronisation runs of one profile with one source, by outcome',
  });
  const duration = createHistogram('ingest_sync_run_duration_seconds', {
    description: 'Duration of synchronisation runs of one profile with one source',
  });
  const records = createCounter('ingest_sync_records_total', {
    description: 'Records synchronisation listed, by what happened to them',
  });
  const opened = createCounter('ingest_source_circuit_opened_total', {
    description: 'Times the circuit of a source opened after failures in a row',
  });
  getMeter()
    .createObservableGauge('ingest_source_circuit_state', {
      description: 'Circuit of each source as this replica last saw it: 0 closed, 1 half open, 2 open',
    })
    .addCallback((result) => {
      for (const [source, state] of circuitStates()) result.observe(CIRCUIT_VALUES[state], { source });
    });

  return {
    runFinished(source, outcome, seconds) {
      runs.add(1, { source, outcome });
      duration.record(seconds, { source });
    },
    recordsSynced(source, change, count) {
      if (count > 0) records.add(count, { source, change });
    },
    circuitOpened(source) {
      opened.add(1, { source });
    },
  };
}
