import { allContainers, podTemplate, selectorMatches } from './pod-templates';
import { objectName } from './render';

import type { ContainerSpec } from './pod-templates';
import type { KubeObject } from './render';

type Selector = { matchLabels?: Record<string, string> };

const NAME_LABEL = 'app.kubernetes.io/name';

const SECRET_LIKE_NAME = /PASSWORD|SECRET|TOKEN|CREDENTIAL|API_?KEY|PRIVATE_KEY/i;
// A URL with a password that is not a Kubernetes reference such as $(ATLAS_DATABASE_PASSWORD).
const URL_WITH_LITERAL_PASSWORD = /:\/\/[^/:@\s]*:(?!\$\()[^@\s]+@/;
// A `password: value` line of a configuration file whose value is not a $VARIABLE.
const CONFIG_LITERAL_PASSWORD = /\b(password|pass|token|secret)\s*[:=]\s*(?!\$)["']?[^\s"',}]+/i;

/** Lists every place a secret value is written into the manifests instead of referenced. */
export function literalSecrets(objects: readonly KubeObject[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    if (object.kind === 'Secret' && (object['data'] !== undefined || object['stringData'] !== undefined)) {
      problems.push(`${objectName(object)} carries data; create secrets out of band and reference them`);
    }
    if (object.kind === 'ConfigMap') {
      for (const [key, value] of Object.entries((object['data'] ?? {}) as Record<string, string>)) {
        const match = value.match(CONFIG_LITERAL_PASSWORD);
        if (match) problems.push(`${objectName(object)} key ${key} holds a literal "${match[0]}"`);
      }
    }
    const template = podTemplate(object);
    if (template) problems.push(...allContainers(template).flatMap((c) => literalEnvSecrets(object, c)));
  }
  return problems;
}

function literalEnvSecrets(object: KubeObject, container: ContainerSpec): string[] {
  return (container.env ?? [])
    .filter(({ name, value }) => {
      if (value === undefined) return false;
      return SECRET_LIKE_NAME.test(name) || URL_WITH_LITERAL_PASSWORD.test(value);
    })
    .map(({ name }) => `${objectName(object)} container ${container.name} sets ${name} to a literal value`);
}

/** Lists security settings missing from any workload: non-root, read-only root, no escalation. */
export function insecureWorkloads(objects: readonly KubeObject[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    const template = podTemplate(object);
    if (!template) continue;
    const podNonRoot = template.spec.securityContext?.runAsNonRoot === true;
    for (const container of allContainers(template)) {
      const context = container.securityContext ?? {};
      const where = `${objectName(object)} container ${container.name}`;
      if (!podNonRoot && context.runAsNonRoot !== true) problems.push(`${where} may run as root`);
      if (context.readOnlyRootFilesystem !== true) problems.push(`${where} has a writable root filesystem`);
      if (context.allowPrivilegeEscalation !== false) problems.push(`${where} allows privilege escalation`);
      if (!container.resources?.limits?.['cpu'] || !container.resources.limits['memory']) {
        problems.push(`${where} has no CPU and memory limits`);
      }
      if (!container.resources?.requests?.['cpu'] || !container.resources.requests['memory']) {
        problems.push(`${where} has no CPU and memory requests`);
      }
    }
  }
  return problems;
}

/**
 * Lists what each Deployment lacks of: health probes on its port, a PodDisruptionBudget, a
 * HorizontalPodAutoscaler, a NetworkPolicy, a Service with a ServiceMonitor.
 */
export function incompleteDeployments(objects: readonly KubeObject[]): string[] {
  const of = (kind: string) => objects.filter((object) => object.kind === kind);
  const problems: string[] = [];
  for (const deployment of of('Deployment')) {
    const name = objectName(deployment);
    const labels = podTemplate(deployment)?.metadata?.labels;
    const selects = (selector: Selector | undefined) => selectorMatches(selector?.matchLabels, labels);
    const spec = (object: KubeObject) => object['spec'] as Record<string, unknown>;

    problems.push(...missingProbes(deployment));
    if (!of('PodDisruptionBudget').some((pdb) => selects(spec(pdb)['selector'] as Selector))) {
      problems.push(`${name} has no PodDisruptionBudget`);
    }
    const target = (hpa: KubeObject) => spec(hpa)['scaleTargetRef'] as { kind: string; name: string };
    if (
      !of('HorizontalPodAutoscaler').some(
        (hpa) => target(hpa).kind === 'Deployment' && target(hpa).name === deployment.metadata.name,
      )
    ) {
      problems.push(`${name} has no HorizontalPodAutoscaler`);
    }
    // Policies for groups of pods (default deny, DNS, API server) do not count: the service's own
    // flows need a policy that selects it by name.
    const ownPolicy = (policy: KubeObject) => {
      const selector = spec(policy)['podSelector'] as Selector;
      return selector.matchLabels?.[NAME_LABEL] === labels?.[NAME_LABEL] && selects(selector);
    };
    if (!of('NetworkPolicy').some(ownPolicy)) {
      problems.push(`${name} has no NetworkPolicy of its own`);
    }
    const services = of('Service').filter((service) =>
      selectorMatches(spec(service)['selector'] as Record<string, string>, labels),
    );
    const monitored = services.some((service) =>
      of('ServiceMonitor').some((monitor) =>
        selectorMatches((spec(monitor)['selector'] as Selector).matchLabels, service.metadata.labels),
      ),
    );
    if (!monitored) problems.push(`${name} has no Service watched by a ServiceMonitor`);
  }
  return problems;
}

function missingProbes(deployment: KubeObject): string[] {
  const template = podTemplate(deployment);
  return (template?.spec.containers ?? []).flatMap((container) => {
    const ports = new Set<string | number>(
      (container.ports ?? []).flatMap((port) => [port.containerPort, port.name ?? '']),
    );
    const where = `${objectName(deployment)} container ${container.name}`;
    const problems: string[] = [];
    const live = container.livenessProbe?.httpGet;
    const ready = container.readinessProbe?.httpGet;
    if (live?.path !== '/health' || live.port === undefined || !ports.has(live.port)) {
      problems.push(`${where} lacks a liveness probe on /health at its service port`);
    }
    if (ready?.path !== '/health/ready' || ready.port === undefined || !ports.has(ready.port)) {
      problems.push(`${where} lacks a readiness probe on /health/ready at its service port`);
    }
    return problems;
  });
}
