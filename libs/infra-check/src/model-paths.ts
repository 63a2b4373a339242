import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { WORKSPACE_ROOT } from './render';

import type { KubeObject } from './render';

/** Outcome of validating one object against its model. */
export interface ModelValidationResult {
  /** `Kind/name`. */
  name: string;
  /** `no-model` when neither package models the object's API group. */
  status: 'valid' | 'invalid' | 'no-model';
  error?: string;
}

const PROMETHEUS_OPERATOR_GROUP = 'monitoring.coreos.com';

/**
 * Returns the module that exports the model class of an API version and kind, e.g.
 * `kubernetes-models/apps/v1/Deployment`, or undefined for groups neither package covers.
 */
export function modelModulePath(apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === PROMETHEUS_OPERATOR_GROUP) {
    return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  }
  if (
    group === '' ||
    group === 'apps' ||
    group === 'batch' ||
    group === 'policy' ||
    group === 'autoscaling'
  ) {
    return `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
  }
  if (group?.endsWith('.k8s.io')) return `kubernetes-models/${group}/${version}/${kind}`;
  return undefined;
}

/**
 * Validates objects with the kubernetes-models classes in a child Node process (the packages are
 * ES modules only, which this CommonJS code cannot load in Jest).
 */
export function validateWithModels(objects: readonly KubeObject[]): ModelValidationResult[] {
  const script = path.join(__dirname, 'model-validation.cli.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: WORKSPACE_ROOT,
    input: JSON.stringify(objects),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`Model validation process failed (${result.status}): ${result.stderr}`, {
      cause: result.error,
    });
  }
  return JSON.parse(result.stdout) as ModelValidationResult[];
}
