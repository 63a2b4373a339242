import type { ImportMetrics } from '@atlas/ingest-import';
import { METRICS, counterOf, histogramOf } from '@atlas/observability';

/** Creates the Prometheus instruments the imports of this process report to. */
export function createImportMetrics(): ImportMetrics {
  const records = counterOf(METRICS.ingestRecords);
  const duration = histogramOf(METRICS.ingestImportDuration);
  return {
    records: (source, outcome, count) => records.add(count, { source, outcome }),
    runFinished: (status, seconds) => duration.record(seconds, { status }),
  };
}
