import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { metricNames } from './alert-rules';
import { WORKSPACE_ROOT } from './render';

/** Folder of the Grafana dashboards, one per service and an overview, shipped as ConfigMaps. */
export const DASHBOARDS_DIRECTORY = path.join(WORKSPACE_ROOT, 'infra', 'k8s', 'base', 'grafana');

interface DashboardPanel {
  title: string;
  targets?: { expr: string }[];
}

interface Dashboard {
  uid: string;
  title: string;
  panels: DashboardPanel[];
}

/** Lists every dashboard file as an absolute path. */
export function dashboardFiles(): string[] {
  return readdirSync(DASHBOARDS_DIRECTORY)
    .filter((file) => file.endsWith('.json'))
    .map((file) => path.join(DASHBOARDS_DIRECTORY, file));
}

/** Reads a dashboard's uid, its PromQL expressions and the metric names they select. */
export function readDashboard(file: string): { uid: string; expressions: string[]; metrics: string[] } {
  const dashboard = JSON.parse(readFileSync(file, 'utf8')) as Dashboard;
  const expressions = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
  const metrics = [...new Set(expressions.flatMap((expr) => metricNames(expr)))];
  return { uid: dashboard.uid, expressions, metrics };
}
