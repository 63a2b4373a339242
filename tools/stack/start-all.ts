import path from 'node:path';

import {
  findWorkspaceRoot,
  stackDirectory,
  startStack,
  stackEnvironment,
  stopStack,
} from '@atlas/local-stack';
import type { StackComponent } from '@atlas/local-stack';
import type { LocalOidcProvider } from '@atlas/local-oidc';

import { loadDataSet } from '../pipeline/load-data-set';
import { connectTool } from '../pipeline/nats-connection';
import { formatPipelineSummary } from '../pipeline/pipeline-summary';
import { realDataSet } from '../pipeline/real-data-set';
import {
  hasOwnSignInSettings,
  planLocalSignIn,
  profileAccounts,
  startPlannedProvider,
} from './local-sign-in';
import { prepareDatabase } from './prepare-database';
import { pickServicePorts, startServiceSet, stopServiceSet, waitUntilAllReady } from './service-set';

import type { LocalSignInPlan } from './local-sign-in';
import type { RunningService } from './service-process';

const root = findWorkspaceRoot();
const log = (line: string) => process.stdout.write(`${line}\n`);
/** `--logs` prints the services' log lines here instead of writing them to files in the stack folder. */
const logsInTerminal = process.argv.includes('--logs');
/** `--no-data` starts the services without loading data/real. */
const skipData = process.argv.includes('--no-data');

function printAddresses(services: RunningService[], logDirectory: string | undefined): void {
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
  if (logDirectory) log(`Service logs: ${logDirectory}`);
}

function printSignIn(
  gatewayPort: number,
  plan: LocalSignInPlan,
  accounts: Array<{ sub: string; name: string }>,
) {
  log(`\nSign in: open http://127.0.0.1:${gatewayPort}/auth/orcid in a browser. The local OpenID provider`);
  log(`at ${plan.issuer} stands in for ORCID: log in with the ORCID iD of a profile and any password.`);
  log(`${accounts.length} profiles have an ORCID iD, for example:`);
  for (const account of accounts.slice(0, 3)) log(`  ${account.sub}  ${account.name}`);
}

async function loadRealData(natsUrl: string, databaseUrl: string): Promise<void> {
  const started = Date.now();
  const nc = await connectTool(natsUrl, 'atlas-start');
  try {
    const report = await loadDataSet({ nc, databaseUrl, dataSet: realDataSet(root), log });
    log(`\nData loaded in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
    for (const line of formatPipelineSummary(report.summary)) log(`  ${line}`);
  } finally {
    await nc.close();
  }
}

async function main(): Promise<number> {
  const connection = await startStack({ log });
  const started: StackComponent[] = connection.started;
  const databaseEnv = await prepareDatabase(connection.databaseUrl, {
    info: (fields, message) => log(`${message} ${JSON.stringify(fields)}`),
  });

  const { DATABASE_URL: _superuserUrl, ...stackEnv } = stackEnvironment(connection);
  const ports = await pickServicePorts();
  const signInPlan = hasOwnSignInSettings() ? undefined : await planLocalSignIn(ports.gateway);
  const logDirectory = logsInTerminal ? undefined : path.join(stackDirectory(root), 'logs');
  const services = await startServiceSet({
    root,
    env: {
      ...stackEnv,
      ...databaseEnv,
      ATLAS_IMPORT_DIR: realDataSet(root).importDir,
      ...(signInPlan?.env ?? {}),
    },
    ports,
    ...(logDirectory ? { logDirectory } : {}),
  });
  let provider: LocalOidcProvider | undefined;
  let stopping: Promise<number> | undefined;

  // The first reason to stop wins; later calls wait for the same shutdown and get its exit code.
  const shutdown = (reason: string, exitCode: number): Promise<number> => {
    stopping ??= (async () => {
      log(`\nStopping services (${reason})...`);
      await provider?.stop();
      await stopServiceSet(services);
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
    await waitUntilAllReady(services);
    printAddresses(services, logDirectory);
    if (!skipData) await loadRealData(connection.natsUrl, connection.databaseUrl);
    if (signInPlan) {
      const accounts = await profileAccounts(connection.databaseUrl);
      provider = await startPlannedProvider(signInPlan, accounts);
      printSignIn(ports.gateway, signInPlan, accounts);
    }
    log('\nPress Ctrl-C to stop.\n');
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return shutdown('start failed', 1);
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
