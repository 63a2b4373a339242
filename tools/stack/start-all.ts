import { DEFAULT_PORTS, SERVICE_NAMES, servicePrefix } from '@atlas/config';
import { findWorkspaceRoot, pickPort, startStack, stackEnvironment, stopStack } from '@atlas/local-stack';

import type { StackComponent } from '@atlas/local-stack';

import { prepareDatabase } from './prepare-database';
import { startServiceProcess, stopServices, waitUntilReady } from './service-process';

import type { RunningService } from './service-process';

/** Milliseconds each service may take to report ready. */
const READY_TIMEOUT_MS = 60_000;
/** Milliseconds the services get to stop before they are killed; above their own shutdown timeout. */
const STOP_TIMEOUT_MS = 15_000;

const root = findWorkspaceRoot();
const log = (line: string) => process.stdout.write(`${line}\n`);

async function startServices(stackEnv: Record<string, string>): Promise<RunningService[]> {
  const services: RunningService[] = [];
  for (const name of SERVICE_NAMES) {
    const port = await pickPort(DEFAULT_PORTS[name]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...stackEnv,
      [`${servicePrefix(name)}_PORT`]: String(port),
    };
    delete env['DATABASE_URL'];
    services.push(startServiceProcess(root, name, port, env));
  }
  return services;
}

function printSummary(services: RunningService[]): void {
  const gateway = services.find((service) => service.name === 'gateway');
  log('');
  if (gateway) {
    log(`API:      http://127.0.0.1:${gateway.port}`);
    log(`API docs: http://127.0.0.1:${gateway.port}/docs`);
  }
  for (const service of services) {
    const base = `http://127.0.0.1:${service.port}`;
    log(`${service.name.padEnd(12)} health ${base}/health/ready   metrics ${base}/metrics`);
  }
  log('\nPress Ctrl-C to stop.\n');
}

async function main(): Promise<number> {
  const connection = await startStack({ log });
  const started: StackComponent[] = connection.started;
  const databaseEnv = await prepareDatabase(connection.databaseUrl, {
    info: (fields, message) => log(`${message} ${JSON.stringify(fields)}`),
  });

  // Each service connects with its own runtime role, never with the superuser URL.
  const { DATABASE_URL: _superuserUrl, ...stackEnv } = stackEnvironment(connection);
  const services = await startServices({ ...stackEnv, ...databaseEnv });
  let stopping: Promise<number> | undefined;

  // The first reason to stop wins; later calls wait for the same shutdown and get its exit code.
  const shutdown = (reason: string, exitCode: number): Promise<number> => {
    stopping ??= (async () => {
      log(`\nStopping services (${reason})...`);
      await stopServices(services, STOP_TIMEOUT_MS);
      if (started.length > 0) await stopStack({ log, only: started });
      return exitCode;
    })();
    return stopping;
  };

  const finished = new Promise<number>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => void shutdown(signal, 0).then(resolve));
    }
    for (const service of services) {
      void service.exited.then((code) => {
        if (stopping) return;
        process.stderr.write(`\n${service.name} exited unexpectedly with code ${code}\n`);
        void shutdown(`${service.name} exited`, 1).then(resolve);
      });
    }
  });
  // If this process dies without the signal path, do not leave the detached services running.
  process.on('exit', () =>
    services.forEach((service) => service.child.exitCode === null && service.child.kill('SIGTERM')),
  );

  try {
    await Promise.all(services.map((service) => waitUntilReady(service, READY_TIMEOUT_MS)));
    printSummary(services);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return shutdown('a service failed to start', 1);
  }
  return finished;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
