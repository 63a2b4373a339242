import { randomBytes } from 'node:crypto';

import type { LocalOidcProvider } from '@atlas/local-oidc';

import { loadDataSet } from '../pipeline/load-data-set';
import { connectTool } from '../pipeline/nats-connection';
import { formatPipelineSummary } from '../pipeline/pipeline-summary';
import { planLocalSignIn, profileAccounts, startPlannedProvider } from '../stack/local-sign-in';
import { pickServicePorts, startServiceSet, stopServiceSet, waitUntilAllReady } from '../stack/service-set';
import { runReviewScenario } from './review-scenario';

import type { DataSet } from '../pipeline/load-data-set';
import type { PipelineSummary } from '../pipeline/pipeline-summary';
import type { RunningService } from '../stack/service-process';
import type { ReviewScenarioResult } from './review-scenario';

/** Settings of one demo run on servers and a database that the caller prepared. */
export interface DemoRunOptions {
  root: string;
  /** Service environment: NATS_URL, REDIS_URL and each service's runtime-role database URL. */
  serviceEnv: Record<string, string>;
  /** Superuser URL of the services' database, to read backlogs, the summary and the profiles' ORCID iDs. */
  adminDatabaseUrl: string;
  natsUrl: string;
  dataSet: DataSet;
  /** ORCID iD of the researcher whose review session is played. */
  orcid: string;
  /** Folder that receives the services' log files. */
  logDirectory: string;
  log: (line: string) => void;
  idleTimeoutMs?: number;
}

/** Outcome of a demo run. */
export interface DemoRunResult {
  passed: boolean;
  summary?: PipelineSummary;
  scenario?: ReviewScenarioResult;
  /** The closing `RESULT demo ...` line. */
  resultLine: string;
}

function resultLine(
  summary: PipelineSummary | undefined,
  scenario: ReviewScenarioResult | undefined,
): string {
  const candidates = Object.values(summary?.candidates ?? {}).reduce((sum, total) => sum + total, 0);
  return (
    `RESULT demo records=${summary?.records ?? 0} candidates=${candidates} ` +
    `decisions=${scenario?.decisions ?? 0} works=${scenario?.works ?? 0} ` +
    `notifications=${scenario?.notifications ?? 0}`
  );
}

/**
 * Starts the five services and a local OpenID provider, loads a data set through them, and plays a
 * researcher's review session through the public API. Stops everything it started before returning.
 */
export async function runDemo(options: DemoRunOptions): Promise<DemoRunResult> {
  const { log } = options;
  const ports = await pickServicePorts();
  const signIn = await planLocalSignIn(ports.gateway, 3019);
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
  let services: RunningService[] = [];
  let provider: LocalOidcProvider | undefined;
  let summary: PipelineSummary | undefined;
  let scenario: ReviewScenarioResult | undefined;
  const nc = await connectTool(options.natsUrl, 'atlas-demo');

  try {
    services = await startServiceSet({
      root: options.root,
      env: {
        ...options.serviceEnv,
        ...signIn.env,
        ATLAS_IMPORT_DIR: options.dataSet.importDir,
        // Its own key space, so a demo on a shared Redis never touches another gateway's sessions.
        ATLAS_GATEWAY_REDIS_PREFIX: `atlas:demo:${randomBytes(4).toString('hex')}:`,
      },
      ports,
      logDirectory: options.logDirectory,
    });
    // The services run in their own process groups, so a Ctrl-C of the demo does not reach them.
    const started = services;
    process.once('exit', () =>
      started.forEach((service) => service.child.exitCode === null && service.child.kill('SIGTERM')),
    );
    await waitUntilAllReady(services);
    log(`Services ready; logs in ${options.logDirectory}`);

    const load = await loadDataSet({
      nc,
      databaseUrl: options.adminDatabaseUrl,
      dataSet: options.dataSet,
      log,
      ...(options.idleTimeoutMs ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    });
    summary = load.summary;
    for (const line of formatPipelineSummary(summary)) log(line);

    provider = await startPlannedProvider(signIn, await profileAccounts(options.adminDatabaseUrl));
    log(`\nReview session of ${options.orcid} through ${gatewayUrl}:`);
    scenario = await runReviewScenario({ gatewayUrl, orcid: options.orcid, log });
  } finally {
    await provider?.stop();
    await stopServiceSet(services);
    await nc.close();
  }
  return { passed: scenario?.passed ?? false, summary, scenario, resultLine: resultLine(summary, scenario) };
}
