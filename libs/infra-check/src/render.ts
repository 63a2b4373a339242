import path from 'node:path';

import { parseAllDocuments } from 'yaml';

import { KUBECTL, ensureTool, runTool } from './tools';

/** A rendered Kubernetes object: only the fields every object has are typed. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** Root of the repository, where `infra/` lives. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The Kustomize directories that are deployed, relative to the workspace root. */
export const OVERLAYS = ['infra/k8s/overlays/production', 'infra/k8s/overlays/local'] as const;

/** Renders a Kustomize directory with `kubectl kustomize` and returns its objects. */
export function renderKustomization(directory: string): KubeObject[] {
  const kubectl = ensureTool(KUBECTL);
  const output = runTool(kubectl, ['kustomize', directory], { cwd: WORKSPACE_ROOT });
  return parseYamlObjects(output);
}

/** Parses a multi-document YAML text; empty documents are skipped. */
export function parseYamlObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw document.errors[0];
      return document.toJS() as KubeObject | null;
    })
    .filter((object): object is KubeObject => object !== null);
}

/** Short name of an object for messages: `Deployment/gateway`. */
export function objectName(object: KubeObject): string {
  return `${object.kind}/${object.metadata.name}`;
}
