import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

import { DEFAULT_PORTS, SERVICE_NAMES, servicePrefix } from '@atlas/config';
import { isPortFree, pickPort } from '@atlas/local-stack';

import { startServiceProcess, stopServices, waitUntilReady } from './service-process';

import type { RunningService } from './service-process';

/** Milliseconds each service may take to report ready. */
export const READY_TIMEOUT_MS = 60_000;
/** Milliseconds the services get to stop before they are killed; above their own shutdown timeout. */
export const STOP_TIMEOUT_MS = 15_000;

/** Options of {@link startServiceSet}. */
export interface ServiceSetOptions {
  root: string;
  /** Environment shared by every service: stack URLs, runtime-role database URLs, feature settings. */
  env: Record<string, string>;
  /** Port of each service; by default its usual port, or a free one when that is taken. */
  ports?: Partial<Record<(typeof SERVICE_NAMES)[number], number>>;
  /** Folder that receives one `<service>.log` per service instead of this terminal. */
  logDirectory?: string;
}

/** A service that listens on another port than its default, because the default was in use. */
export interface MovedPort {
  service: (typeof SERVICE_NAMES)[number];
  preferred: number;
  port: number;
}

/**
 * Picks each service's port: the one given, else its default port when free, else any free port, which
 * `onMoved` is told about. Raises when a given port is in use, naming its `ATLAS_<SERVICE>_PORT` variable.
 */
export async function pickServicePorts(
  given: ServiceSetOptions['ports'] = {},
  onMoved: (moved: MovedPort) => void = () => undefined,
): Promise<Record<(typeof SERVICE_NAMES)[number], number>> {
  const ports = {} as Record<(typeof SERVICE_NAMES)[number], number>;
  for (const name of SERVICE_NAMES) {
    const port = given[name];
    if (port !== undefined) {
      if (!(await isPortFree(port))) {
        throw new Error(
          `${servicePrefix(name)}_PORT=${port} is in use on 127.0.0.1; stop what listens there, or set another port.`,
        );
      }
      ports[name] = port;
      continue;
    }
    const preferred = DEFAULT_PORTS[name];
    ports[name] = await pickPort(preferred);
    if (ports[name] !== preferred) onMoved({ service: name, preferred, port: ports[name] });
  }
  return ports;
}

/** Starts the five services as child processes, without waiting for them to be ready. */
export async function startServiceSet(options: ServiceSetOptions): Promise<RunningService[]> {
  const ports = await pickServicePorts(options.ports);
  if (options.logDirectory) mkdirSync(options.logDirectory, { recursive: true });
  return SERVICE_NAMES.map((name) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      [`${servicePrefix(name)}_PORT`]: String(ports[name]),
    };
    // Each service connects with its own runtime role, never with the superuser URL.
    delete env['DATABASE_URL'];
    const output = options.logDirectory
      ? createWriteStream(path.join(options.logDirectory, `${name}.log`), { flags: 'a' })
      : undefined;
    return startServiceProcess(options.root, name, ports[name], env, output);
  });
}

/** Waits until every service answers ready; throws the first failure. */
export async function waitUntilAllReady(services: RunningService[], timeoutMs = READY_TIMEOUT_MS) {
  await Promise.all(services.map((service) => waitUntilReady(service, timeoutMs)));
}

/** Stops the services, killing those that outlive {@link STOP_TIMEOUT_MS}. */
export function stopServiceSet(services: RunningService[]): Promise<void> {
  return stopServices(services, STOP_TIMEOUT_MS);
}
