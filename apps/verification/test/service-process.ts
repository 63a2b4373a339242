import { pickPort } from '@atlas/local-stack';
import { startServiceProcess, waitUntilReady } from '@atlas/service-testing';
import type { ServiceProcess } from '@atlas/service-testing';

import type { Harness } from './harness';

/** Another real service, run as its own process beside the verification service of a harness. */
export interface ServiceBeside {
  process: ServiceProcess;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts `apps/<name>` as a process on the harness's database and NATS server, with its own runtime
 * role, and waits until it is ready. The harness's database must provision the service's schema.
 */
export async function startServiceBeside(
  harness: Harness,
  name: 'ingest' | 'matching' | 'gateway',
  env: Record<string, string> = {},
): Promise<ServiceBeside> {
  const prefix = `ATLAS_${name.toUpperCase()}`;
  const database = harness.database.services[name];
  if (!database)
    throw new Error(`The harness database has no ${name} schema; pass '${name}' to startHarness`);
  const port = await pickPort(30_000 + Math.floor(Math.random() * 20_000));
  const child = startServiceProcess(name, {
    NATS_URL: harness.nats.url,
    REDIS_URL: process.env.REDIS_URL ?? '',
    ATLAS_LOG_LEVEL: process.env.VERIFICATION_TEST_LOGS ? 'info' : 'warn',
    [`${prefix}_PORT`]: String(port),
    [`${prefix}_DATABASE_URL`]: database.runtimeUrl,
    ...env,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(baseUrl, 60_000).catch((error: unknown) => {
    child.child.kill('SIGTERM');
    throw new Error(`The ${name} service did not start:\n${child.output()}`, { cause: error });
  });
  return {
    process: child,
    baseUrl,
    async stop() {
      child.child.kill('SIGTERM');
      await child.exited;
    },
  };
}
