import { readFileSync } from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';

import { WORKSPACE_ROOT } from './render';

import type { ValidateFunction } from 'ajv';
import type { KubeObject } from './render';

/** Folder of the JSON schemas (subsets of the operators' CRDs) for objects no npm model covers. */
export const CRD_SCHEMA_DIRECTORY = path.join(WORKSPACE_ROOT, 'infra', 'k8s', 'crd-schemas');

/** The CRD-based objects the manifests use, by `apiVersion` and kind, with their schema file. */
const CRD_SCHEMA_FILES: Readonly<Record<string, string>> = {
  'postgresql.cnpg.io/v1 Cluster': 'postgresql.cnpg.io_v1_Cluster.subset.json',
  'postgresql.cnpg.io/v1 ScheduledBackup': 'postgresql.cnpg.io_v1_ScheduledBackup.subset.json',
};

/** Validates objects of custom resources against the schemas kept in the repository. */
export class CrdValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: true });
  private readonly validators = new Map<string, ValidateFunction>();

  /** Returns true when a schema is kept for the object's API version and kind. */
  covers(object: KubeObject): boolean {
    return `${object.apiVersion} ${object.kind}` in CRD_SCHEMA_FILES;
  }

  /** Returns the schema violations of an object, one line each; empty when it is valid. */
  errors(object: KubeObject): string[] {
    const validate = this.validator(`${object.apiVersion} ${object.kind}`);
    if (validate(object)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `${error.instancePath || '/'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`,
    );
  }

  private validator(key: string): ValidateFunction {
    const cached = this.validators.get(key);
    if (cached) return cached;
    const file = CRD_SCHEMA_FILES[key];
    if (!file) throw new Error(`No CRD schema is kept for ${key}.`);
    const schema = JSON.parse(readFileSync(path.join(CRD_SCHEMA_DIRECTORY, file), 'utf8')) as object;
    const validate = this.ajv.compile(schema);
    this.validators.set(key, validate);
    return validate;
  }
}
