import path from 'node:path';

import { exportedMetricNames } from './alert-rules';
import { dashboardFiles, readDashboard } from './dashboards';
import { OVERLAYS, renderKustomization } from './render';

const DASHBOARDS = ['gateway', 'ingest', 'matching', 'notification', 'overview', 'verification'];

describe('the Grafana dashboards', () => {
  it('has one dashboard per service and an overview', () => {
    expect(dashboardFiles().map((file) => path.basename(file, '.json'))).toEqual(DASHBOARDS);
  });

  it.each(dashboardFiles())('%s uses only metrics the services export', (file) => {
    const exported = exportedMetricNames();
    const { expressions, metrics } = readDashboard(file);

    expect(expressions.length).toBeGreaterThan(0);
    expect(metrics.filter((name) => !exported.has(name))).toEqual([]);
  });

  it.each(OVERLAYS)('%s ships every dashboard in a labelled ConfigMap', (overlay) => {
    const configMaps = renderKustomization(overlay).filter(
      (object) => object.kind === 'ConfigMap' && object.metadata.labels?.['grafana_dashboard'] === '1',
    );
    const shipped = configMaps.flatMap((object) =>
      Object.values((object as { data?: Record<string, string> }).data ?? {}).map(
        (text) => (JSON.parse(text) as { uid: string }).uid,
      ),
    );

    expect(shipped.sort()).toEqual(DASHBOARDS.map((name) => `atlas-${name}`));
  });
});
