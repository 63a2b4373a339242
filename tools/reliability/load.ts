/**
 * A bounded load run through the gateway on loopback: 80% reads (a profile's queue, works search,
 * statistics) and 20% writes (decisions and their reopening, imports), from concurrent keep-alive
 * clients for a fixed time after an import of derived records. Reports throughput and p50/p99
 * latency, counts every status, and samples each service's RSS against the memory limit of its
 * container in infra/k8s/base/services. Passes when only 2xx and 429 came back and no RSS passed its limit.
 * Run: npm run reliability -- load   (ATLAS_LOAD_SECONDS, 60; ATLAS_LOAD_CLIENTS, 8; ATLAS_RELIABILITY_RECORDS, 3000)
 * Final line: RESULT load requests=<n> rps=<r> p50_ms=<a> p99_ms=<b> errors=<e> max_rss_mb=<m> ok=<bool>
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { SERVICE_NAMES } from '@atlas/config';
import type { ServiceName } from '@atlas/config';
import { findWorkspaceRoot } from '@atlas/local-stack';

import { registerCleanup } from './lib/cleanup';
import { writeDerivedWorks } from './lib/derived-records';
import { waitForDrain } from './lib/pipeline-drain';
import { startScenario } from './lib/scenario';
import type { Scenario } from './lib/scenario';
import { log, resultLine, runScript } from './lib/script-main';

const RECORDS = Number(process.env['ATLAS_RELIABILITY_RECORDS'] ?? 3_000);
const SECONDS = Number(process.env['ATLAS_LOAD_SECONDS'] ?? 60);
const CLIENTS = Number(process.env['ATLAS_LOAD_CLIENTS'] ?? 8);
/** A small real file that the import requests import again and again (its records stay unchanged). */
const IMPORT_FILE = 'data/real/openalex/api_responses/openalexpro_keypaper_works_page.json.gz';
/** Words of real titles that works searches look for. */
const SEARCH_TERMS = [
  'open',
  'data',
  'learning',
  'analysis',
  'citation',
  'access',
  'science',
  'visualization',
];
/**
 * Requests an API token may make per minute during the run. The default (1,200) would turn most of
 * this load into 429s, which measures the limiter rather than the services.
 */
const TOKEN_RATE_LIMIT = '1000000';

type Kind = 'queue' | 'search' | 'stats' | 'decision' | 'import';

interface Sample {
  kind: Kind;
  status: number;
  ms: number;
}

interface OwnedCandidate {
  id: string;
  profileId: string;
  status: string;
}

/** Memory limit of each service's container, in MiB, from its Kubernetes manifest. */
function memoryLimitsMb(): Record<ServiceName, number> {
  const limits = {} as Record<ServiceName, number>;
  for (const name of SERVICE_NAMES) {
    const manifest = readFileSync(
      path.join(findWorkspaceRoot(), 'infra/k8s/base/services', `${name}.yaml`),
      'utf8',
    );
    // The service's own container follows `containers:`; the init container before it has a smaller limit.
    const containers = manifest.slice(manifest.indexOf('\n      containers:'));
    const match = /limits:\s*\n\s*cpu:.*\n\s*memory:\s*(\d+)(Mi|Gi)/.exec(containers);
    if (!match) throw new Error(`No memory limit found for the ${name} container in ${name}.yaml`);
    limits[name] = Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
  }
  return limits;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

class GatewayClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Sends one request and returns its status and parsed body; status 0 on a network error. */
  send(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const request = http.request(
        `${this.baseUrl}${path}`,
        {
          method,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = text;
            }
            resolve({ status: response.statusCode ?? 0, body: parsed });
          });
        },
      );
      request.on('error', () => resolve({ status: 0, body: undefined }));
      if (payload) request.write(payload);
      request.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

async function ownedCandidates(superuserUrl: string): Promise<OwnedCandidate[]> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; profile_id: string; status: string }>(
      'SELECT id::text, profile_id::text, status FROM verification.candidate_matches ORDER BY id',
    );
    return rows.map((row) => ({ id: row.id, profileId: row.profile_id, status: row.status }));
  } finally {
    await client.end();
  }
}

/**
 * Sends requests of kinds picked by the 80/20 mix until `end`. Decisions move each owned candidate
 * between pending and uncertain (decide, then reopen), so every write is valid for the state the
 * client last saw. No two clients own the same candidate.
 */
async function clientLoop(
  client: GatewayClient,
  profileIds: string[],
  owned: OwnedCandidate[],
  end: number,
  samples: Sample[],
  errorBodies: string[],
): Promise<void> {
  let turn = 0;
  while (Date.now() < end) {
    turn += 1;
    const roll = Math.random();
    const profileId = profileIds[turn % profileIds.length]!;
    let kind: Kind;
    let method = 'GET';
    let target: string;
    let body: unknown;
    let candidate: OwnedCandidate | undefined;
    if (roll < 0.4) {
      kind = 'queue';
      target = `/candidates?profileId=${profileId}&limit=20`;
    } else if (roll < 0.65) {
      kind = 'search';
      target = `/works?profileId=${profileId}&search=${SEARCH_TERMS[turn % SEARCH_TERMS.length]}&limit=20`;
    } else if (roll < 0.8) {
      kind = 'stats';
      target = `/stats?profileId=${profileId}`;
    } else if (roll < 0.97 && owned.length > 0) {
      kind = 'decision';
      method = 'POST';
      candidate = owned[turn % owned.length]!;
      if (candidate.status === 'pending') {
        target = `/candidates/${candidate.id}/verify?profileId=${candidate.profileId}`;
        body = { decision: 'uncertain', idempotencyKey: `load-${candidate.id}-${turn}` };
      } else {
        target = `/candidates/${candidate.id}/reopen?profileId=${candidate.profileId}`;
        body = {};
      }
    } else {
      kind = 'import';
      method = 'POST';
      target = '/admin/imports';
      body = { path: path.basename(IMPORT_FILE) };
    }
    const started = process.hrtime.bigint();
    const response = await client.send(method, target, body);
    samples.push({ kind, status: response.status, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    const failed = response.status === 0 || (response.status >= 400 && response.status !== 429);
    if (failed && errorBodies.length < 10)
      errorBodies.push(`${kind} ${response.status} ${JSON.stringify(response.body)}`);
    if (candidate && response.status === 200) {
      const status = response.body as { status?: string; candidate?: { status?: string } } | undefined;
      candidate.status =
        status?.status ??
        status?.candidate?.status ??
        (candidate.status === 'pending' ? 'uncertain' : 'pending');
    }
  }
}

async function importAndDrain(scenario: Scenario, file: string): Promise<void> {
  const runId = await scenario.api.startImport(file);
  await waitForDrain(scenario.superuserUrl, scenario.natsUrl, {
    timeoutMs: 20 * 60_000,
    log,
    isDone: async () => {
      const response = await scenario.api.request<{ state: string }>('GET', `/admin/imports/${runId}`);
      return response.status === 200 && response.body.state === 'succeeded';
    },
  });
}

async function main(): Promise<number> {
  const directory = mkdtempSync(path.join(tmpdir(), 'atlas-load-'));
  registerCleanup(async () => rmSync(directory, { recursive: true, force: true }));
  const file = await writeDerivedWorks(directory, RECORDS);
  copyFileSync(path.join(findWorkspaceRoot(), IMPORT_FILE), path.join(directory, path.basename(IMPORT_FILE)));
  const limits = memoryLimitsMb();
  const scenario = await startScenario('load', 'load', {
    importDirectory: directory,
    profiles: 10,
    maxWorksPerProfile: 1,
    extraEnv: { gateway: { ATLAS_GATEWAY_TOKEN_RATE_LIMIT: TOKEN_RATE_LIMIT } },
    log,
  });
  const maxRss = Object.fromEntries(SERVICE_NAMES.map((name) => [name, 0])) as Record<ServiceName, number>;
  const sampler = setInterval(() => {
    for (const name of SERVICE_NAMES) maxRss[name] = Math.max(maxRss[name], scenario.fleet.rssMb(name) ?? 0);
  }, 500);
  try {
    await importAndDrain(scenario, path.basename(file));
    const candidates = await ownedCandidates(scenario.superuserUrl);
    log(
      `${RECORDS} records imported; ${candidates.length} candidates; load for ${SECONDS} s from ${CLIENTS} clients`,
    );

    const client = new GatewayClient(scenario.fleet.url('gateway'), scenario.api.token);
    const samples: Sample[] = [];
    const errorBodies: string[] = [];
    const started = Date.now();
    const end = started + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, (_, index) =>
        clientLoop(
          client,
          scenario.profileIds,
          candidates.filter((_candidate, position) => position % CLIENTS === index),
          end,
          samples,
          errorBodies,
        ),
      ),
    );
    const elapsed = (Date.now() - started) / 1000;
    client.close();
    // The imports started during the run finish afterwards; their memory counts too.
    await waitForDrain(scenario.superuserUrl, scenario.natsUrl, { timeoutMs: 5 * 60_000, log });

    const statuses: Record<string, number> = {};
    for (const sample of samples) statuses[sample.status] = (statuses[sample.status] ?? 0) + 1;
    const errors = samples.filter(
      (sample) => sample.status === 0 || (sample.status >= 400 && sample.status !== 429),
    ).length;
    const all = samples.map((sample) => sample.ms).sort((a, b) => a - b);
    for (const kind of ['queue', 'search', 'stats', 'decision', 'import'] as const) {
      const times = samples
        .filter((sample) => sample.kind === kind)
        .map((sample) => sample.ms)
        .sort((a, b) => a - b);
      log(
        `${kind.padEnd(8)} n=${times.length} p50=${percentile(times, 0.5).toFixed(1)} ms p99=${percentile(times, 0.99).toFixed(1)} ms`,
      );
    }
    const reads = samples.filter((sample) => ['queue', 'search', 'stats'].includes(sample.kind)).length;
    log(`statuses ${JSON.stringify(statuses)}; reads ${((100 * reads) / samples.length).toFixed(1)}%`);
    for (const body of errorBodies) log(`error: ${body}`);
    const overLimit: string[] = [];
    for (const name of SERVICE_NAMES) {
      log(`${name.padEnd(12)} max RSS ${maxRss[name].toFixed(0)} MiB of ${limits[name]} MiB`);
      if (maxRss[name] >= limits[name]) overLimit.push(name);
    }
    const ok = errors === 0 && overLimit.length === 0 && samples.length > 0;
    log(
      resultLine('load', {
        requests: samples.length,
        seconds: elapsed.toFixed(0),
        rps: (samples.length / elapsed).toFixed(1),
        p50_ms: percentile(all, 0.5).toFixed(1),
        p99_ms: percentile(all, 0.99).toFixed(1),
        errors,
        status_429: statuses['429'] ?? 0,
        max_rss_mb: Math.max(...Object.values(maxRss)).toFixed(0),
        over_limit: overLimit.length === 0 ? 'none' : overLimit.join(','),
        ok,
      }),
    );
    return ok ? 0 : 1;
  } finally {
    clearInterval(sampler);
    await scenario.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

runScript(main);
