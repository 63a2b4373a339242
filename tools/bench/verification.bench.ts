/**
 * The verification service at scale: a researcher's queue page, a confirm decision and a works search,
 * each through the real service over NATS, against the same SQL sent straight to PostgreSQL over the
 * same data in the same run. The data is loaded with COPY from records derived from the real files.
 * Run: npx tsx tools/bench/verification.bench.ts (1M candidates, a few minutes on 2 cores)
 *      ATLAS_BENCH_CANDIDATES=10000000 npx tsx tools/bench/verification.bench.ts (10M, not run by default)
 * Final line: RESULT verification queue_ratio=<a> decision_ratio=<b> search_ratio=<c> queue_p99_ms=<d> ...
 */
import { connect } from '@nats-io/transport-node';
import { Pool } from 'pg';

import type { PoolClient } from 'pg';

import { GetQueueRpc, ListWorksRpc, VerifyRpc } from '@atlas/contracts';
import { newId } from '@atlas/database';
import { pickPort, startStack, stackEnvironment } from '@atlas/local-stack';
import { callRpc } from '@atlas/messaging';
import { startServiceProcess, waitUntilReady } from '@atlas/service-testing';
import { createTestDatabase, startTestNats } from '@atlas/testing';

import { describeLoad, measureLoad } from './request-load';
import { loadVerificationDataset, readRealRecords } from './verification-dataset';
import {
  CONFIRM_CANDIDATE_SQL,
  INSERT_ACT_SQL,
  LOCK_CANDIDATE_SQL,
  QUEUE_PAGE_SQL,
  SHIFT_COUNTERS_SQL,
  WORKS_SEARCH_SQL,
} from './verification-sql';

import type { LoadFigures } from './request-load';
import type { VerificationDataset } from './verification-dataset';

const CANDIDATES = Number(process.env['ATLAS_BENCH_CANDIDATES'] ?? 1_000_000);
const READS = Number(process.env['ATLAS_BENCH_READS'] ?? 2_000);
const DECISIONS = Number(process.env['ATLAS_BENCH_DECISIONS'] ?? 300);
const CONCURRENCY = 4;
const PAGE = 50;

const researcher = (profileId: string) => ({ role: 'researcher' as const, onBehalfOf: profileId });

/** Picks profiles spread over the whole dataset, in the same sequence for service and baseline. */
function profileAt(dataset: VerificationDataset, index: number): string {
  return dataset.profileIds[(index * 2_654_435_761) % dataset.profileIds.length]!;
}

/** Pending candidates for decisions, each used once: the first half for the service, the rest for SQL. */
function decisionCandidates(dataset: VerificationDataset): { service: string[]; sql: string[] } {
  const all = dataset.pendingCandidates.flatMap((ids) => ids.slice(0, 2));
  const picked: string[] = [];
  for (let index = 0; picked.length < 2 * DECISIONS && index < all.length; index += 1) {
    picked.push(all[(index * 7_919) % all.length]!);
  }
  return { service: picked.slice(0, DECISIONS), sql: picked.slice(DECISIONS, 2 * DECISIONS) };
}

async function confirmWithSql(pool: Pool, candidateId: string): Promise<void> {
  const client: PoolClient = await pool.connect();
  try {
    await client.query('BEGIN');
    const locked = await client.query<{ profile_id: string; raw_record_id: string; match_score: string }>(
      LOCK_CANDIDATE_SQL,
      [candidateId],
    );
    const candidate = locked.rows[0]!;
    await client.query(INSERT_ACT_SQL, [
      candidateId,
      candidate.profile_id,
      candidate.raw_record_id,
      candidate.match_score,
      candidate.profile_id,
    ]);
    await client.query(CONFIRM_CANDIDATE_SQL, [candidateId]);
    await client.query(SHIFT_COUNTERS_SQL, [candidate.profile_id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

function ratio(service: LoadFigures, baseline: LoadFigures): string {
  return (service.perSecond / baseline.perSecond).toFixed(3);
}

async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  const connection = await startStack({ log: () => undefined });
  process.env['DATABASE_URL'] ??= stackEnvironment(connection)['DATABASE_URL'];
  const database = await createTestDatabase({ services: ['verification'] });
  const nats = await startTestNats();
  const urls = database.services.verification!;
  let service: ReturnType<typeof startServiceProcess> | undefined;
  const pool = new Pool({ connectionString: urls.runtimeUrl, max: CONCURRENCY });
  try {
    const records = await readRealRecords();
    const dataset = await loadVerificationDataset(urls.ownerUrl, records, CANDIDATES, log);
    log(
      `loaded ${dataset.candidates} candidates of ${dataset.profileIds.length} profiles on ${dataset.records} ` +
        `real records, ${dataset.confirmed} authorships, in ${dataset.loadSeconds.toFixed(1)} s`,
    );

    const port = await pickPort(23_100);
    service = startServiceProcess('verification', {
      NATS_URL: nats.url,
      ATLAS_LOG_LEVEL: 'warn',
      ATLAS_VERIFICATION_PORT: String(port),
      ATLAS_VERIFICATION_DATABASE_URL: urls.runtimeUrl,
    });
    await waitUntilReady(`http://127.0.0.1:${port}`, 60_000);
    const nc = await connect({ servers: nats.url, name: 'verification-bench' });

    // Warm both paths (connections, plans, caches) before measuring.
    for (let index = 0; index < 50; index += 1) {
      const profileId = profileAt(dataset, index + READS);
      await callRpc(nc, GetQueueRpc, { actor: researcher(profileId), profileId, limit: PAGE });
      await pool.query(QUEUE_PAGE_SQL, [profileId, ['pending', 'uncertain'], PAGE + 1]);
    }

    const queueService = await measureLoad(READS, CONCURRENCY, (index) => {
      const profileId = profileAt(dataset, index);
      return callRpc(nc, GetQueueRpc, { actor: researcher(profileId), profileId, limit: PAGE });
    });
    const queueSql = await measureLoad(READS, CONCURRENCY, (index) =>
      pool.query(QUEUE_PAGE_SQL, [profileAt(dataset, index), ['pending', 'uncertain'], PAGE + 1]),
    );

    const word = (index: number) => dataset.searchWords[index % dataset.searchWords.length]!;
    const searchService = await measureLoad(READS, CONCURRENCY, (index) => {
      const profileId = profileAt(dataset, index);
      return callRpc(nc, ListWorksRpc, {
        actor: researcher(profileId),
        profileId,
        search: word(index),
        limit: PAGE,
      });
    });
    const searchSql = await measureLoad(READS, CONCURRENCY, (index) =>
      pool.query(WORKS_SEARCH_SQL, [profileAt(dataset, index), word(index), PAGE + 1]),
    );

    const candidates = decisionCandidates(dataset);
    const decisionService = await measureLoad(candidates.service.length, CONCURRENCY, async (index) => {
      const candidateId = candidates.service[index]!;
      const owner = await pool.query<{ profile_id: string }>(
        'SELECT profile_id FROM candidate_matches WHERE id = $1',
        [candidateId],
      );
      const profileId = owner.rows[0]!.profile_id;
      return callRpc(nc, VerifyRpc, {
        actor: researcher(profileId),
        candidateId,
        idempotencyKey: newId(),
        via: 'web',
        decision: 'confirm',
      });
    });
    const decisionSql = await measureLoad(candidates.sql.length, CONCURRENCY, (index) =>
      confirmWithSql(pool, candidates.sql[index]!),
    );
    await nc.close();

    log(`concurrency ${CONCURRENCY}, page size ${PAGE}`);
    log(describeLoad('queue page, service over NATS', queueService));
    log(describeLoad('queue page, plain SQL', queueSql));
    log(describeLoad('works search, service over NATS', searchService));
    log(describeLoad('works search, plain SQL', searchSql));
    log(describeLoad('confirm, service over NATS', decisionService));
    log(describeLoad('confirm, core SQL only', decisionSql));
    log(
      `RESULT verification queue_ratio=${ratio(queueService, queueSql)} ` +
        `decision_ratio=${ratio(decisionService, decisionSql)} search_ratio=${ratio(searchService, searchSql)} ` +
        `queue_p99_ms=${queueService.p99Ms.toFixed(2)} decision_p99_ms=${decisionService.p99Ms.toFixed(2)} ` +
        `search_p99_ms=${searchService.p99Ms.toFixed(2)} candidates=${dataset.candidates}`,
    );
  } finally {
    if (service) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    await pool.end();
    await nats.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
