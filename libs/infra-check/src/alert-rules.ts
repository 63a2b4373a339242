import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { METRIC_DECLARATIONS, seriesNames } from '@atlas/observability';

import { WORKSPACE_ROOT } from './render';
import { PROMTOOL, ensureTool, runTool } from './tools';

/** Folder of the Prometheus rule files, one per service. */
export const RULES_DIRECTORY = path.join(WORKSPACE_ROOT, 'infra', 'prometheus', 'rules');

/** Lists every rule file as an absolute path. */
export function ruleFiles(): string[] {
  return readdirSync(RULES_DIRECTORY)
    .filter((file) => file.endsWith('.rules.yaml'))
    .map((file) => path.join(RULES_DIRECTORY, file));
}

/** Runs `promtool check rules` on the files; returns its report, throws when a file is invalid. */
export function checkRulesWithPromtool(files: readonly string[]): string {
  return runTool(ensureTool(PROMTOOL), ['check', 'rules', ...files]);
}

interface RuleFile {
  groups: { name: string; rules: { alert?: string; record?: string; expr: string }[] }[];
}

// PromQL words that look like metric names but are functions, keywords or aggregations.
const PROMQL_WORDS = new Set([
  'sum',
  'rate',
  'irate',
  'increase',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'histogram_quantile',
  'absent',
  'avg',
  'max',
  'min',
  'count',
  'and',
  'or',
  'unless',
  'le',
  'bool',
  'offset',
  'topk',
  'bottomk',
  'clamp_min',
  'clamp_max',
  'delta',
  'deriv',
  'time',
]);

/**
 * Returns the metric names an expression selects: identifiers outside label matchers, ranges and
 * grouping clauses (`by (...)`, `without (...)`, `on (...)`), that are not PromQL words.
 */
export function metricNames(expr: string): string[] {
  const withoutMatchers = expr
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"[^"]*"/g, '');
  const identifiers = withoutMatchers.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return [...new Set(identifiers.filter((word) => !PROMQL_WORDS.has(word) && !/^\d/.test(word)))];
}

/** Returns the service a rule file belongs to and the metric names its alerts use. */
export function metricsOfRuleFile(file: string): { service: string; metrics: string[] } {
  const rules = parse(readFileSync(file, 'utf8')) as RuleFile;
  const metrics = rules.groups.flatMap((group) => group.rules.flatMap((rule) => metricNames(rule.expr)));
  return { service: path.basename(file, '.rules.yaml'), metrics: [...new Set(metrics)] };
}

/**
 * Returns the series names the services export: those of every metric declared in the
 * observability library's catalog (histograms give `_bucket`, `_count` and `_sum`), and `up`, which
 * Prometheus adds for every target. The scrape test in `tools/e2e` checks the catalog against the
 * running services.
 */
export function exportedMetricNames(): Set<string> {
  return new Set(['up', ...METRIC_DECLARATIONS.flatMap((declaration) => seriesNames(declaration))]);
}
