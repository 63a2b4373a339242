import { CrdValidator } from './crd-validation';
import { validateWithModels } from './model-paths';
import { incompleteDeployments, insecureWorkloads, literalSecrets } from './policy-checks';
import { OVERLAYS, objectName, renderKustomization } from './render';

import type { KubeObject } from './render';

/** The fields of the CloudNativePG cluster spec the production checks read. */
interface ClusterSpec {
  instances: number;
  postgresql: { synchronous: unknown };
  backup: { barmanObjectStore: { wal?: unknown } };
  monitoring: unknown;
}

// The recovery kustomization is rendered too, so the documented restore stays valid.
const RENDERED = [...OVERLAYS, 'infra/k8s/recovery'];

describe.each(RENDERED)('the Kustomize output of %s', (directory) => {
  let objects: KubeObject[];

  beforeAll(() => {
    objects = renderKustomization(directory);
  });

  it('validates core objects with kubernetes-models', () => {
    const results = validateWithModels(objects);
    const invalid = results.filter((result) => result.status === 'invalid');

    expect(invalid).toEqual([]);
    expect(results.filter((result) => result.status === 'valid').length).toBeGreaterThan(40);
  });

  it('validates CRD objects with the schema subsets', () => {
    const crds = new CrdValidator();
    const modelled = new Set(
      validateWithModels(objects)
        .filter((result) => result.status !== 'no-model')
        .map((result) => result.name),
    );
    const others = objects.filter((object) => !modelled.has(objectName(object)));
    const uncovered = others.filter((object) => !crds.covers(object)).map(objectName);
    const errors = others
      .filter((object) => crds.covers(object))
      .flatMap((object) => crds.errors(object).map((error) => `${objectName(object)}: ${error}`));

    expect(uncovered).toEqual([]);
    expect(errors).toEqual([]);
    expect(others.map(objectName).sort()).toEqual(['Cluster/atlas-db', 'ScheduledBackup/atlas-db-nightly']);
  });

  it('references every secret instead of writing its value', () => {
    expect(literalSecrets(objects)).toEqual([]);
    expect(objects.filter((object) => object.kind === 'Secret').map(objectName)).toEqual([]);
  });

  it('hardens every container', () => {
    expect(insecureWorkloads(objects)).toEqual([]);
  });

  it('completes every service Deployment', () => {
    expect(
      objects
        .filter((object) => object.kind === 'Deployment')
        .map(objectName)
        .sort(),
    ).toEqual([
      'Deployment/gateway',
      'Deployment/ingest',
      'Deployment/matching',
      'Deployment/notification',
      'Deployment/verification',
    ]);
    expect(incompleteDeployments(objects)).toEqual([]);
  });

  it('denies traffic by default in one namespace', () => {
    const defaultDeny = objects.find(
      (object) => object.kind === 'NetworkPolicy' && object.metadata.name === 'default-deny',
    );

    expect(defaultDeny?.['spec']).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(
      objects
        .filter((object) => object.kind !== 'Namespace' && object.metadata.namespace !== 'atlas-verify')
        .map(objectName),
    ).toEqual([]);
  });
});

describe('the production overlay', () => {
  it('pins a version of every image', () => {
    const images = renderKustomization('infra/k8s/overlays/production')
      .flatMap((object) => JSON.stringify(object).match(/"image":"[^"]+"/g) ?? [])
      .map((field) => field.slice('"image":"'.length, -1));
    const unpinned = images.filter((image) => !/:[\w.-]+$/.test(image) || image.endsWith(':latest'));

    expect(images.length).toBeGreaterThan(10);
    expect(unpinned).toEqual([]);
  });

  it('runs a replicated, backed-up PostgreSQL', () => {
    const objects = renderKustomization('infra/k8s/overlays/production');
    const cluster = objects.find((object) => object.kind === 'Cluster')?.['spec'] as ClusterSpec;

    expect(cluster.instances).toBe(3);
    expect(cluster.postgresql.synchronous).toEqual({ method: 'any', number: 1 });
    expect(cluster.backup.barmanObjectStore.wal).toBeDefined();
    expect(cluster.monitoring).toEqual({ enablePodMonitor: true });
    expect(objects.some((object) => object.kind === 'ScheduledBackup')).toBe(true);
  });
});
