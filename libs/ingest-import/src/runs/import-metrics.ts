import type { ImportRunState } from './import-run.types';

/** Outcome of one source record in an import. */
export type RecordOutcome = 'stored' | 'updated' | 'unchanged' | 'removed';

/** What an import reports as it commits; the ingest service maps it to Prometheus metrics. */
export interface ImportMetrics {
  /** `count` records of `source` committed with `outcome`. */
  records(source: string, outcome: RecordOutcome, count: number): void;
  /** A run ended with `status` after `seconds` of work in this process. */
  runFinished(status: ImportRunState, seconds: number): void;
}

/** Counts the committed records of a batch by source and outcome. */
export function countBySource(
  entries: ReadonlyArray<{ source: string; outcome: RecordOutcome }>,
): Map<string, Map<RecordOutcome, number>> {
  const counts = new Map<string, Map<RecordOutcome, number>>();
  for (const { source, outcome } of entries) {
    const bySource = counts.get(source) ?? new Map<RecordOutcome, number>();
    bySource.set(outcome, (bySource.get(outcome) ?? 0) + 1);
    counts.set(source, bySource);
  }
  return counts;
}

/** Reports the counts of `countBySource`. */
export function reportRecords(
  metrics: ImportMetrics | undefined,
  counts: Map<string, Map<RecordOutcome, number>>,
) {
  if (!metrics) return;
  for (const [source, outcomes] of counts) {
    for (const [outcome, count] of outcomes) metrics.records(source, outcome, count);
  }
}
