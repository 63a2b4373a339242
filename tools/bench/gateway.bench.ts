/**
 * Requests through the real gateway (HTTP, API token, rate limit, validation, serialisation) to the
 * real verification service, against the same operations called straight over NATS in the same run,
 * with the actor the gateway would send. Each service runs as its own process.
 * Run: npx tsx tools/bench/gateway.bench.ts (100,000 candidates; ATLAS_BENCH_GATEWAY_CANDIDATES to change)
 * Final line: RESULT gateway ratio=<queue req/s via gateway over NATS> p50_ms=<a> p99_ms=<b> ...
 */
import { createHash, randomBytes } from 'node:crypto';

import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';

import { GetQueueRpc, ListWorksRpc } from '@atlas/contracts';
import { pickPort, startStack, stackEnvironment } from '@atlas/local-stack';
import { callRpc } from '@atlas/messaging';
import { startServiceProcess, waitUntilReady } from '@atlas/service-testing';
import { createTestDatabase, startTestNats } from '@atlas/testing';

import { describeLoad, measureLoad } from './request-load';
import { loadVerificationDataset, readRealRecords } from './verification-dataset';

import type { VerificationDataset } from './verification-dataset';

const CANDIDATES = Number(process.env['ATLAS_BENCH_GATEWAY_CANDIDATES'] ?? 100_000);
const REQUESTS = Number(process.env['ATLAS_BENCH_READS'] ?? 2_000);
const CONCURRENCY = 4;
const PAGE = 50;
/** ORCID iD of a real person, from the ORCID records under data/real/orcid. */
const ADMIN_ORCID = '0000-0001-6101-5802';

/** Seeds an admin account with an API token, stored as the gateway's token route stores it. */
async function seedAdminToken(
  ownerUrl: string,
): Promise<{ secret: string; accountId: string; tokenId: string }> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const account = await client.query<{ id: string }>(
      `INSERT INTO accounts (orcid_subject, profile_id) VALUES ($1, gen_random_uuid()) RETURNING id`,
      [ADMIN_ORCID],
    );
    const accountId = account.rows[0]!.id;
    await client.query(`INSERT INTO account_roles (account_id, role) VALUES ($1, 'admin')`, [accountId]);
    const secret = `atl_${randomBytes(32).toString('base64url')}`;
    const token = await client.query<{ id: string }>(
      `INSERT INTO api_tokens (account_id, name, token_prefix, token_hash, scopes)
       VALUES ($1, 'bench', $2, $3, $4) RETURNING id`,
      [
        accountId,
        secret.slice(0, 12),
        createHash('sha256').update(secret, 'utf8').digest(),
        ['candidates:read', 'works:read'],
      ],
    );
    return { secret, accountId, tokenId: token.rows[0]!.id };
  } finally {
    await client.end();
  }
}

function profileAt(dataset: VerificationDataset, index: number): string {
  return dataset.profileIds[(index * 2_654_435_761) % dataset.profileIds.length]!;
}

async function getJson(url: string, secret: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${secret}` } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} returned ${response.status}: ${body}`);
  return JSON.parse(body);
}

async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  const connection = await startStack({ log: () => undefined });
  const stackEnv = stackEnvironment(connection);
  process.env['DATABASE_URL'] ??= stackEnv['DATABASE_URL'];
  const database = await createTestDatabase({ services: ['verification', 'gateway'] });
  const nats = await startTestNats();
  const services: ReturnType<typeof startServiceProcess>[] = [];
  try {
    const dataset = await loadVerificationDataset(
      database.services.verification!.ownerUrl,
      await readRealRecords(),
      CANDIDATES,
      () => undefined,
    );
    log(`loaded ${dataset.candidates} candidates of ${dataset.profileIds.length} profiles`);
    const admin = await seedAdminToken(database.services.gateway!.ownerUrl);

    const [verificationPort, gatewayPort] = [await pickPort(23_200), await pickPort(23_300)];
    const base = { NATS_URL: nats.url, REDIS_URL: stackEnv['REDIS_URL']!, ATLAS_LOG_LEVEL: 'warn' };
    services.push(
      startServiceProcess('verification', {
        ...base,
        ATLAS_VERIFICATION_PORT: String(verificationPort),
        ATLAS_VERIFICATION_DATABASE_URL: database.services.verification!.runtimeUrl,
      }),
      startServiceProcess('gateway', {
        ...base,
        ATLAS_GATEWAY_PORT: String(gatewayPort),
        ATLAS_GATEWAY_DATABASE_URL: database.services.gateway!.runtimeUrl,
        // The benchmark measures the path, not the limiter, so the token's limit is out of reach.
        ATLAS_GATEWAY_TOKEN_RATE_LIMIT: '100000000',
      }),
    );
    await waitUntilReady(`http://127.0.0.1:${verificationPort}`, 60_000);
    await waitUntilReady(`http://127.0.0.1:${gatewayPort}`, 60_000);
    const nc = await connect({ servers: nats.url, name: 'gateway-bench' });
    const gateway = `http://127.0.0.1:${gatewayPort}`;
    const actor = (profileId: string) => ({
      accountId: admin.accountId,
      role: 'admin' as const,
      onBehalfOf: profileId,
      tokenId: admin.tokenId,
    });
    const word = (index: number) => dataset.searchWords[index % dataset.searchWords.length]!;
    const queueUrl = (index: number) =>
      `${gateway}/candidates?profileId=${profileAt(dataset, index)}&limit=${PAGE}`;
    const worksUrl = (index: number) =>
      `${gateway}/works?profileId=${profileAt(dataset, index)}&search=${word(index)}&limit=${PAGE}`;

    for (let index = 0; index < 50; index += 1) {
      await getJson(queueUrl(index + REQUESTS), admin.secret);
      const profileId = profileAt(dataset, index + REQUESTS);
      await callRpc(nc, GetQueueRpc, { actor: actor(profileId), profileId, limit: PAGE });
    }

    const queueGateway = await measureLoad(REQUESTS, CONCURRENCY, (index) =>
      getJson(queueUrl(index), admin.secret),
    );
    const queueNats = await measureLoad(REQUESTS, CONCURRENCY, (index) => {
      const profileId = profileAt(dataset, index);
      return callRpc(nc, GetQueueRpc, { actor: actor(profileId), profileId, limit: PAGE });
    });
    const worksGateway = await measureLoad(REQUESTS, CONCURRENCY, (index) =>
      getJson(worksUrl(index), admin.secret),
    );
    const worksNats = await measureLoad(REQUESTS, CONCURRENCY, (index) => {
      const profileId = profileAt(dataset, index);
      return callRpc(nc, ListWorksRpc, {
        actor: actor(profileId),
        profileId,
        search: word(index),
        limit: PAGE,
      });
    });
    await nc.close();

    log(`concurrency ${CONCURRENCY}, page size ${PAGE}`);
    log(describeLoad('queue page, through the gateway', queueGateway));
    log(describeLoad('queue page, over NATS directly', queueNats));
    log(describeLoad('works search, through the gateway', worksGateway));
    log(describeLoad('works search, over NATS directly', worksNats));
    const ratio = queueGateway.perSecond / queueNats.perSecond;
    const searchRatio = worksGateway.perSecond / worksNats.perSecond;
    log(
      `RESULT gateway ratio=${ratio.toFixed(3)} search_ratio=${searchRatio.toFixed(3)} ` +
        `p50_ms=${queueGateway.p50Ms.toFixed(2)} p99_ms=${queueGateway.p99Ms.toFixed(2)} ` +
        `overhead_p50_ms=${(queueGateway.p50Ms - queueNats.p50Ms).toFixed(2)}`,
    );
  } finally {
    for (const service of services) service.child.kill('SIGTERM');
    await Promise.all(services.map((service) => service.exited));
    await nats.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
