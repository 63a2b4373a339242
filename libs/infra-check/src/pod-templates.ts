import type { KubeObject } from './render';

/** The parts of a container the checks read. */
export interface ContainerSpec {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  livenessProbe?: { httpGet?: { path?: string; port?: string | number } };
  readinessProbe?: { httpGet?: { path?: string; port?: string | number } };
  securityContext?: {
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    runAsNonRoot?: boolean;
  };
}

/** The parts of a pod template the checks read. */
export interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec: {
    securityContext?: { runAsNonRoot?: boolean };
    containers: ContainerSpec[];
    initContainers?: ContainerSpec[];
  };
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'Job']);

/** Returns the pod template of a Deployment, StatefulSet or Job, undefined for other kinds. */
export function podTemplate(object: KubeObject): PodTemplate | undefined {
  if (!WORKLOAD_KINDS.has(object.kind)) return undefined;
  return (object.spec as { template: PodTemplate }).template;
}

/** Lists every container of a pod template, init containers first. */
export function allContainers(template: PodTemplate): ContainerSpec[] {
  return [...(template.spec.initContainers ?? []), ...template.spec.containers];
}

/** Returns true when every label of the selector is on the object with the same value. */
export function selectorMatches(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return false;
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}
