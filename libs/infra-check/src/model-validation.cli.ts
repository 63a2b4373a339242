// Validates Kubernetes objects (a JSON array on standard input) with the kubernetes-models and
// @kubernetes-models/prometheus-operator classes; prints one result per object as JSON. It runs as
// its own Node process because those packages are published as ES modules only.
import { text } from 'node:stream/consumers';

import { modelModulePath } from './model-paths';

import type { KubeObject } from './render';
import type { ModelValidationResult } from './model-paths';

interface ModelClass {
  new (data: unknown): { validate(): void };
}

async function validateObject(object: KubeObject): Promise<ModelValidationResult> {
  const name = `${object.kind}/${object.metadata.name}`;
  const modulePath = modelModulePath(object.apiVersion, object.kind);
  if (!modulePath) return { name, status: 'no-model' };

  const exports = (await import(modulePath)) as Record<string, ModelClass | undefined>;
  const Model = exports[object.kind];
  if (!Model) return { name, status: 'invalid', error: `${modulePath} exports no ${object.kind}` };
  try {
    new Model(object).validate();
    return { name, status: 'valid' };
  } catch (error) {
    return { name, status: 'invalid', error: (error as Error).message };
  }
}

async function main(): Promise<void> {
  const objects = JSON.parse(await text(process.stdin)) as KubeObject[];
  const results: ModelValidationResult[] = [];
  for (const object of objects) results.push(await validateObject(object));
  process.stdout.write(JSON.stringify(results));
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
