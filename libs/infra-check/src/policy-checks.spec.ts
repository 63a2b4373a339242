import { CrdValidator } from './crd-validation';
import { validateWithModels } from './model-paths';
import { incompleteDeployments, insecureWorkloads, literalSecrets } from './policy-checks';
import { renderKustomization } from './render';

import type { KubeObject } from './render';

// Rendered objects are plain nested data of many shapes; a test alters one field of them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = any;

// Each case alters one object of the real production output and expects exactly that to be caught.
let production: KubeObject[];

beforeAll(() => {
  production = renderKustomization('infra/k8s/overlays/production');
});

function altered(kind: string, name: string, change: (object: Editable) => void): KubeObject[] {
  const copy = structuredClone(production);
  const target = copy.find((object) => object.kind === kind && object.metadata.name === name);
  if (!target) throw new Error(`No ${kind}/${name} in the production output`);
  change(target);
  return copy;
}

function gatewayContainer(object: Editable) {
  return object.spec.template.spec.containers[0];
}

describe('the manifest checks', () => {
  it('catch a password written into an environment variable or a connection URL', () => {
    const objects = altered('Deployment', 'gateway', (deployment) => {
      gatewayContainer(deployment).env.push(
        {
          name: 'ATLAS_GATEWAY_DATABASE_URL',
          value: 'postgresql://atlas_access_app:hunter22@atlas-db-rw/atlas',
        },
        { name: 'OIDC_CLIENT_SECRET', value: 'abc' },
      );
    });

    expect(literalSecrets(objects)).toEqual([
      'Deployment/gateway container gateway sets ATLAS_GATEWAY_DATABASE_URL to a literal value',
      'Deployment/gateway container gateway sets OIDC_CLIENT_SECRET to a literal value',
    ]);
  });

  it('catch a Secret with data and a literal password in a configuration file', () => {
    const objects = [
      ...altered('ConfigMap', production.find((o) => o.kind === 'ConfigMap')!.metadata.name, (map) => {
        map.data['nats.conf'] += '\nauthorization { user: a, password: plain }\n';
      }),
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'leak' }, stringData: { password: 'x' } },
    ];

    expect(literalSecrets(objects)).toHaveLength(2);
  });

  it('catch a writable root filesystem, a missing limit and a missing probe', () => {
    const objects = altered('Deployment', 'ingest', (deployment) => {
      const container = gatewayContainer(deployment);
      container.securityContext.readOnlyRootFilesystem = false;
      delete container.resources.limits;
      delete container.readinessProbe;
    });

    expect(insecureWorkloads(objects)).toEqual([
      'Deployment/ingest container ingest has a writable root filesystem',
      'Deployment/ingest container ingest has no CPU and memory limits',
    ]);
    expect(incompleteDeployments(objects)).toEqual([
      'Deployment/ingest container ingest lacks a readiness probe on /health/ready at its service port',
    ]);
  });

  it('catch a service without a disruption budget, autoscaler, network policy or monitor', () => {
    const dropped = new Set([
      'PodDisruptionBudget/matching',
      'HorizontalPodAutoscaler/matching',
      'NetworkPolicy/matching',
      'ServiceMonitor/matching',
    ]);
    const objects = production.filter((object) => !dropped.has(`${object.kind}/${object.metadata.name}`));

    expect(incompleteDeployments(objects)).toEqual([
      'Deployment/matching has no PodDisruptionBudget',
      'Deployment/matching has no HorizontalPodAutoscaler',
      'Deployment/matching has no NetworkPolicy of its own',
      'Deployment/matching has no Service watched by a ServiceMonitor',
    ]);
  });

  it('catch a wrongly typed field of a core object', () => {
    const objects = altered('Deployment', 'verification', (deployment) => {
      deployment.spec.replicas = 'two';
    });
    const invalid = validateWithModels(objects).filter((result) => result.status === 'invalid');

    expect(invalid).toEqual([
      expect.objectContaining({
        name: 'Deployment/verification',
        error: expect.stringContaining('replicas must be integer'),
      }),
    ]);
  });

  it('catch a misspelt field of the CloudNativePG cluster', () => {
    const [cluster] = altered('Cluster', 'atlas-db', (object) => {
      object.spec.backup.barmanObjectStore.wal.compresion = 'gzip';
    }).filter((object) => object.kind === 'Cluster');

    expect(new CrdValidator().errors(cluster!)).toEqual([
      expect.stringContaining('/spec/backup/barmanObjectStore/wal must NOT have additional properties'),
    ]);
  });
});
