import {
  METRICS,
  METRIC_DECLARATIONS,
  metricsOfService,
  missingFromScrape,
  seriesNames,
} from './metric-catalog';

describe('metric catalog', () => {
  it('names counters and durations by the Prometheus conventions', () => {
    for (const metric of METRIC_DECLARATIONS) {
      if (metric.kind === 'counter') expect(metric.name).toMatch(/_total$/);
      if (metric.kind === 'histogram') expect(metric.name).toMatch(/_seconds$/);
    }
  });

  it('declares each name once', () => {
    const names = METRIC_DECLARATIONS.map((metric) => metric.name);

    expect(new Set(names).size).toBe(names.length);
  });

  it('lists shared and own metrics of a service', () => {
    const names = metricsOfService('ingest').map((metric) => metric.name);

    expect(names).toContain(METRICS.ingestRecords.name);
    expect(names).toContain(METRICS.outboxBacklog.name);
    expect(names).not.toContain(METRICS.verificationDecisions.name);
  });

  it('finds metrics without a sample in a scrape', () => {
    const text = [
      '# HELP atlas_ingest_records_total Records',
      '# TYPE atlas_ingest_records_total counter',
      'atlas_ingest_records_total{source="hal",outcome="stored"} 3',
      'atlas_ingest_import_duration_seconds_count{status="succeeded"} 1',
      '# TYPE atlas_consumer_dead_letters_total counter',
    ].join('\n');

    expect(seriesNames(METRICS.ingestImportDuration)).toEqual([
      'atlas_ingest_import_duration_seconds_bucket',
      'atlas_ingest_import_duration_seconds_count',
      'atlas_ingest_import_duration_seconds_sum',
    ]);
    expect(
      missingFromScrape(text, [METRICS.ingestRecords, METRICS.ingestImportDuration, METRICS.deadLetters]),
    ).toEqual([METRICS.ingestImportDuration.name, METRICS.deadLetters.name]);
  });
});
