import {
  checkRulesWithPromtool,
  exportedMetricNames,
  metricNames,
  metricsOfRuleFile,
  ruleFiles,
} from './alert-rules';

const SERVICES = ['gateway', 'ingest', 'matching', 'notification', 'verification'];

describe('the Prometheus alert rules', () => {
  it('has one rule file per service', () => {
    expect(
      ruleFiles()
        .map((file) => metricsOfRuleFile(file).service)
        .sort(),
    ).toEqual(SERVICES);
  });

  it('passes promtool check rules', () => {
    const report = checkRulesWithPromtool(ruleFiles());

    expect(report.match(/SUCCESS/g)).toHaveLength(SERVICES.length);
  });

  it.each(ruleFiles())('%s uses only metrics the services export', (file) => {
    const exported = exportedMetricNames();
    const { metrics } = metricsOfRuleFile(file);

    expect(metrics.length).toBeGreaterThan(0);
    expect(metrics.filter((name) => !exported.has(name))).toEqual([]);
  });

  it('extracts metric names from PromQL', () => {
    const expr =
      'histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{job="gateway", http_route!~"/health"}[5m]))) > 1';

    expect(metricNames(expr)).toEqual(['http_server_request_duration_seconds_bucket']);
    expect(exportedMetricNames().has('http_server_request_duration_seconds_bucket')).toBe(true);
  });
});

describe('metricNames', () => {
  it('skips grouping labels and ranges', () => {
    const expr =
      'histogram_quantile(0.95, sum by (le, rpc_method) (rate(atlas_rpc_server_duration_seconds_bucket{job="x"}[$__rate_interval])))';

    expect(metricNames(expr)).toEqual(['atlas_rpc_server_duration_seconds_bucket']);
  });

  it('rejects a metric no service declares', () => {
    expect(exportedMetricNames().has('atlas_made_up_total')).toBe(false);
  });
});
