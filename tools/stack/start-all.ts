import { mkdirSync } from 'node:fs';
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
import { watchParent } from './parent-watch';
import { prepareDatabase } from './prepare-database';
import { lastFailureMessage } from './service-log';
import { pickServicePorts, startServiceSet, stopServiceSet, waitUntilAllReady } from './service-set';
import { readGivenPorts, validateStartEnvironment } from './start-environment';
import { StartLock } from './start-lock';

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

/** Why the run stops, in the words of the stop message. */
type StopReason = { signal: NodeJS.Signals } | { cause: string };

function describeStop(reason: StopReason): string {
  if ('signal' in reason) return `Stopping services: sending SIGTERM after ${reason.signal}`;
  return `Stopping services: sending SIGTERM because ${reason.cause}`;
}

/** Prints why a service exited during the run, from the last error line of its log file. */
function reportServiceExit(service: RunningService, code: number, logDirectory: string | undefined): void {
  process.stderr.write(`\n${service.name} exited unexpectedly with code ${code}\n`);
  if (!logDirectory) return;
  const logFile = path.join(logDirectory, `${service.name}.log`);
  const failure = lastFailureMessage(logFile);
  if (failure) process.stderr.write(`${failure}\n`);
  process.stderr.write(`Its log: ${logFile}\n`);
}

async function main(): Promise<number> {
  // Bad settings fail here, with every variable named, before any server or lock exists.
  validateStartEnvironment();
  const givenPorts = readGivenPorts();
  const directory = stackDirectory(root);
  mkdirSync(directory, { recursive: true });
  const lock = StartLock.acquire(directory);

  let started: StackComponent[] = [];
  // Settles once the stack servers are up; a stop waits for it so it knows which servers this run started.
  let stackStarted: Promise<unknown> = Promise.resolve();
  let services: RunningService[] = [];
  let provider: LocalOidcProvider | undefined;
  let stopping: Promise<void> | undefined;
  let stopRequested: StopReason | undefined;
  let resolveFinished: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (resolveFinished = resolve));

  // Every path out of the run comes here, so what this run started never outlives it. The first reason
  // wins; later calls wait for the same shutdown.
  const stopEverything = (reason: StopReason): Promise<void> => {
    stopping ??= (async () => {
      log(`\n${describeStop(reason)}...`);
      try {
        await stackStarted.catch(() => undefined);
        await provider?.stop();
        await stopServiceSet(services);
        if (started.length > 0) await stopStack({ log, only: started });
      } finally {
        lock.release();
      }
    })();
    return stopping;
  };
  const requestStop = (reason: StopReason, exitCode: number) => {
    stopRequested ??= reason;
    void stopEverything(reason).then(
      () => resolveFinished(exitCode),
      (error: unknown) => {
        process.stderr.write(`Failed to stop cleanly: ${errorMessage(error)}\n`);
        resolveFinished(1);
      },
    );
  };
  const throwIfStopRequested = () => {
    if (stopRequested) throw new StopRequested();
  };

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => requestStop({ signal }, 0));
  }
  watchParent(() => requestStop({ cause: 'the parent process exited' }, 1));
  // If this process dies without the signal path, do not leave the detached services running.
  process.on('exit', () => {
    services.forEach((service) => service.child.exitCode === null && service.child.kill('SIGTERM'));
    lock.release();
  });

  try {
    const starting = startStack({ log }).then((connection) => {
      started = connection.started;
      return connection;
    });
    stackStarted = starting;
    const connection = await starting;
    throwIfStopRequested();
    const databaseEnv = await prepareDatabase(connection.databaseUrl, {
      info: (fields, message) => log(`${message} ${JSON.stringify(fields)}`),
    });
    throwIfStopRequested();

    const { DATABASE_URL: _superuserUrl, ...stackEnv } = stackEnvironment(connection);
    const ports = await pickServicePorts(givenPorts, ({ service, preferred, port }) =>
      log(`port ${preferred} is in use; ${service} listens on ${port}`),
    );
    lock.recordApiUrl(`http://127.0.0.1:${ports.gateway}`);
    const signInPlan = hasOwnSignInSettings() ? undefined : await planLocalSignIn(ports.gateway);
    const logDirectory = logsInTerminal ? undefined : path.join(directory, 'logs');
    services = await startServiceSet({
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
    for (const service of services) {
      void service.exited.then((code) => {
        if (stopRequested) return;
        reportServiceExit(service, code, logDirectory);
        requestStop({ cause: `${service.name} exited` }, 1);
      });
    }

    await waitUntilAllReady(services);
    throwIfStopRequested();
    printAddresses(services, logDirectory);
    if (!skipData) await loadRealData(connection.natsUrl, connection.databaseUrl);
    throwIfStopRequested();
    if (signInPlan) {
      const accounts = await profileAccounts(connection.databaseUrl);
      provider = await startPlannedProvider(signInPlan, accounts);
      printSignIn(ports.gateway, signInPlan, accounts);
    }
    log('\nPress Ctrl-C to stop.\n');
  } catch (error) {
    // A stop already under way (a signal, a service that exited) reports itself; anything else is new.
    if (!stopRequested) {
      process.stderr.write(`${errorMessage(error)}\n`);
      requestStop({ cause: 'the start failed' }, 1);
    }
  }
  return finished;
}

/** Ends the start sequence once a stop was requested; the stop itself runs from the request. */
class StopRequested extends Error {}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${errorMessage(error)}\n`);
    process.exit(1);
  },
);
