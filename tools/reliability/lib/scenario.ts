import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import { Client } from 'pg';

import type { ServiceName } from '@atlas/config';
import { findWorkspaceRoot } from '@atlas/local-stack';

import { AtlasApi, seedAdminToken } from './atlas-api';
import { registerCleanup } from './cleanup';
import { pickResearchers } from './derived-records';
import { startRunStack } from './run-stack';
import { ServiceFleet } from './service-fleet';

import type { RunStack } from './run-stack';

/** A running system for one scenario: servers, the five services, an admin API client and profiles. */
export interface Scenario {
  stack: RunStack;
  fleet: ServiceFleet;
  api: AtlasApi;
  /** Profile ids of the real researchers, in `pickResearchers` order. */
  profileIds: string[];
  logDirectory: string;
  superuserUrl: string;
  natsUrl: string;
  stop(): Promise<void>;
}

export interface ScenarioOptions {
  /** Folder the ingest service may import from. */
  importDirectory?: string;
  /** Number of researchers of the real works that get a profile. */
  profiles: number;
  /**
   * Largest number of real works a researcher with a profile may have. Matching re-scores every record
   * paired with a profile on each of its decisions, so the cost of a run grows with the square of
   * the records per profile (the real works times the copies).
   */
  maxWorksPerProfile: number;
  /** NATS URL, or the URLs of a cluster's nodes separated by commas. */
  natsUrl?: string;
  /** Copies of each stream the services ask for; 1 when absent, 3 on a 3-node cluster. */
  streamReplicas?: number;
  databaseUrl?: string;
  extraEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  log: (line: string) => void;
}

/** Returns `.atlas/reliability/<script>/<scenario>` in the checkout, emptied, for the services' logs. */
export function logFolder(script: string, scenario: string): string {
  const folder = path.join(findWorkspaceRoot(), '.atlas', 'reliability', script, scenario);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** Polls a SQL count with the superuser until it reaches `expected`, or throws after `timeoutMs`. */
export async function waitForCount(
  superuserUrl: string,
  sql: string,
  expected: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const client = new Client({ connectionString: superuserUrl });
    const count = await client
      .connect()
      .then(() => client.query<{ count: string }>(sql))
      .then((result) => Number(result.rows[0]!.count))
      .catch(() => -1)
      .finally(() => client.end().catch(() => undefined));
    if (count >= expected) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${expected} rows of: ${sql}`);
}

/**
 * Starts a fresh stack and the five services, seeds an admin API token, and creates profiles for the
 * researchers with the most real works, waiting until matching has received each of them.
 */
export async function startScenario(
  script: string,
  name: string,
  options: ScenarioOptions,
): Promise<Scenario> {
  const stack = await startRunStack(`${script}-${name}`, {
    ...(options.natsUrl ? { natsUrl: options.natsUrl } : {}),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  const logDirectory = logFolder(script, name);
  const superuserUrl = stack.connection.databaseUrl;
  const natsUrl = stack.connection.natsUrl;
  const fleet = new ServiceFleet(
    {
      ...stack.databaseEnv,
      NATS_URL: natsUrl,
      ATLAS_NATS_STREAM_REPLICAS: String(options.streamReplicas ?? 1),
      REDIS_URL: stack.connection.redisUrl,
      ATLAS_LOG_LEVEL: 'info',
      ...(options.importDirectory ? { ATLAS_IMPORT_DIR: options.importDirectory } : {}),
      ATLAS_GATEWAY_COOKIE_SECURE: 'false',
    },
    logDirectory,
    options.extraEnv ?? {},
  );
  const unregister = registerCleanup(async () => {
    await fleet.stop();
    await stack.stop();
  });
  try {
    await fleet.start();
    const { token } = await seedAdminToken(superuserUrl);
    const api = new AtlasApi(fleet.url('gateway'), token);
    const profileIds: string[] = [];
    for (const researcher of await pickResearchers(options.profiles, options.maxWorksPerProfile)) {
      profileIds.push(await api.createProfile(researcher.orcid, researcher.displayName));
    }
    await waitForCount(superuserUrl, 'SELECT count(*) FROM matching.profiles', profileIds.length, 60_000);
    options.log(`${name}: services ready, ${profileIds.length} profiles; logs in ${logDirectory}`);
    return {
      stack,
      fleet,
      api,
      profileIds,
      logDirectory,
      superuserUrl,
      natsUrl,
      async stop() {
        unregister();
        await fleet.stop();
        await stack.stop();
      },
    };
  } catch (error) {
    unregister();
    await fleet.stop();
    await stack.stop();
    throw error;
  }
}
