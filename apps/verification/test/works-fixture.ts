import {
  CandidatesProposedV1,
  FindRawRecordsRpc,
  GetQueueRpc,
  RecordStoredV1,
  VerifyBatchRpc,
  VerifyRpc,
} from '@atlas/contracts';
import type { RawRecord, Work } from '@atlas/contracts';
import { newId, pgExecutor } from '@atlas/database';
import { appendEvent, callRpc, rpcHandler } from '@atlas/messaging';
import { eventBusPlugin, natsPlugin, postgresPlugin } from '@atlas/service-runtime';
import type { ServiceApp } from '@atlas/service-runtime';
import { readRecords } from '@atlas/source-parsers';
import type { RecordItem } from '@atlas/source-parsers';

import { waitFor } from './harness';

import type { Harness } from './harness';

/** Raw records read from the real files, by source record id, as ingest would store them. */
export const rawRecords = new Map<string, RawRecord>();

/**
 * An upstream service that relays its outbox, so events written there reach verification; as
 * ingest it also answers `findRawRecords` from the records the test read.
 */
export function relayApp(service: 'ingest' | 'matching'): ServiceApp<never> {
  return async (instance, { config }) => {
    const { databaseUrl, natsUrl } = config as unknown as { databaseUrl: string; natsUrl: string };
    await instance.register(postgresPlugin, { connectionString: databaseUrl, applicationName: service });
    await instance.register(natsPlugin, { servers: natsUrl, name: service });
    await instance.register(eventBusPlugin, { service, schema: service });
    if (service !== 'ingest') return;
    instance.eventBus.serve([
      rpcHandler(FindRawRecordsRpc, async (request) => {
        const record = 'sourceId' in request ? rawRecords.get(request.sourceId) : undefined;
        return { items: record ? [record] : [] };
      }),
    ]);
  };
}

/** Keeps a parsed record as ingest would store it, for the stand-in's look-ups and the proposals. */
function rememberRecord(item: RecordItem): void {
  rawRecords.set(item.sourceId, {
    id: newId(),
    source: item.source,
    sourceId: item.sourceId,
    entityType: item.entityType,
    data: item.raw,
    fetchedAt: new Date().toISOString(),
    checksum: item.checksum,
    superseded: false,
  });
}

/** Reads the first works of a real file that pass the filter. */
export async function realWorks(file: string, count: number, keep: (work: Work) => boolean): Promise<Work[]> {
  const works: Work[] = [];
  for await (const item of readRecords(file)) {
    if (item.kind === 'record' && item.work && keep(item.work)) {
      works.push(item.work);
      rememberRecord(item);
    }
    if (works.length === count) break;
  }
  return works;
}

/** Reads the works of a real file with the longest author lists, longest first. */
export async function largestWorks(file: string, count: number): Promise<Work[]> {
  const items: RecordItem[] = [];
  for await (const item of readRecords(file)) {
    if (item.kind === 'record' && item.work) items.push(item);
  }
  items.sort((a, b) => b.work!.authors.length - a.work!.authors.length);
  const kept = items.slice(0, count);
  for (const item of kept) rememberRecord(item);
  return kept.map((item) => item.work!);
}

/** A researcher acting for their own profile. */
export const researcher = (profileId: string) => ({
  role: 'researcher' as const,
  onBehalfOf: profileId,
  accountId: profileId,
});

/** Inserts a bare profile, as the profile operations would. */
export async function insertProfile(harness: Harness, name: string): Promise<string> {
  const result = await harness.admin.query<{ id: string }>(
    `INSERT INTO verification.author_profiles (display_name) VALUES ($1) RETURNING id`,
    [name],
  );
  return result.rows[0]!.id;
}

/**
 * Stores a work's record, proposes it to the profiles and confirms it for each, then returns the work id.
 * Each profile takes the author position at its index in `positions`, else its own index plus one.
 */
export async function confirmWork(
  harness: Harness,
  work: Work,
  profileIds: string[],
  positions: number[] = [],
): Promise<string> {
  const stored = rawRecords.get(work.sourceId);
  const record = {
    rawRecordId: stored?.id ?? newId(),
    source: work.source,
    sourceId: work.sourceId,
    checksum: stored?.checksum ?? `sha256:${newId().replace(/-/g, '').padEnd(64, '0')}`,
  };
  const tx = pgExecutor(harness.admin);
  const entity = { entityId: record.rawRecordId, entityVersion: 1 };
  await appendEvent(tx, 'ingest', RecordStoredV1, {
    ...entity,
    data: { record, work: { kind: 'inline', value: work }, origin: {} },
  });
  // Matching proposes only records it has received, so here too the proposal follows the stored
  // record. A proposal ahead of its record is retried with growing delays and would slow the test.
  await waitFor(async () => {
    const stored = await harness.admin.query(
      'SELECT 1 FROM verification.record_versions WHERE raw_record_id = $1',
      [record.rawRecordId],
    );
    return stored.rowCount ? true : undefined;
  });
  await appendEvent(tx, 'matching', CandidatesProposedV1, {
    ...entity,
    data: {
      record,
      matcherVersion: 'test-1',
      trigger: 'record',
      proposals: profileIds.map((profileId, index) => ({
        profileId,
        authorPosition: positions[index] ?? Math.min(index + 1, Math.max(1, work.authors.length)),
        score: 0.8,
        reasons: [{ signal: 'name' as const, contribution: 2, detail: 'same name' }],
        autoConfirmEligible: false,
        conflict: [],
      })),
    },
  });
  let workId = '';
  for (const profileId of profileIds) {
    const candidate = await waitFor(async () => {
      const page = await callRpc(harness.nc, GetQueueRpc, { actor: researcher(profileId), profileId });
      return page.items.find((item) => item.record.rawRecordId === record.rawRecordId);
    });
    const result = await callRpc(harness.nc, VerifyRpc, {
      actor: researcher(profileId),
      candidateId: candidate.id,
      idempotencyKey: newId(),
      via: 'web',
      decision: 'confirm',
    });
    workId = result.workId!;
  }
  return workId;
}

/**
 * Stores the records of many works, proposes each to one profile at the given author position,
 * and confirms them all with batch decisions; returns how many were confirmed.
 */
export async function confirmWorks(
  harness: Harness,
  works: Work[],
  profileId: string,
  positionOf: (work: Work) => number,
): Promise<number> {
  const tx = pgExecutor(harness.admin);
  const recordIds = new Set<string>();
  await harness.admin.query('BEGIN');
  try {
    for (const work of works) {
      const stored = rawRecords.get(work.sourceId)!;
      const record = {
        rawRecordId: stored.id,
        source: work.source,
        sourceId: work.sourceId,
        checksum: stored.checksum,
      };
      const entity = { entityId: record.rawRecordId, entityVersion: 1 };
      recordIds.add(record.rawRecordId);
      await appendEvent(tx, 'ingest', RecordStoredV1, {
        ...entity,
        data: { record, work: { kind: 'inline', value: work }, origin: {} },
      });
      await appendEvent(tx, 'matching', CandidatesProposedV1, {
        ...entity,
        data: {
          record,
          matcherVersion: 'test-1',
          trigger: 'record',
          proposals: [
            {
              profileId,
              authorPosition: positionOf(work),
              score: 0.8,
              reasons: [{ signal: 'name' as const, contribution: 2, detail: 'same name' }],
              autoConfirmEligible: false,
              conflict: [],
            },
          ],
        },
      });
    }
    await harness.admin.query('COMMIT');
  } catch (error) {
    await harness.admin.query('ROLLBACK');
    throw error;
  }

  const candidateIds = await waitFor(async () => {
    const result = await harness.admin.query<{ id: string }>(
      `SELECT id FROM verification.candidate_matches WHERE profile_id = $1 AND status = 'pending'`,
      [profileId],
    );
    return result.rows.length === recordIds.size ? result.rows.map((row) => row.id) : undefined;
  }, 60_000);
  let confirmed = 0;
  for (let start = 0; start < candidateIds.length; start += 200) {
    const batch = await callRpc(
      harness.nc,
      VerifyBatchRpc,
      {
        actor: researcher(profileId),
        profileId,
        candidateIds: candidateIds.slice(start, start + 200),
        expectedStatus: 'pending',
        idempotencyKey: newId(),
        decision: 'confirm',
        via: 'web',
      },
      { timeoutMs: 120_000 },
    );
    confirmed += batch.items.filter((item) => item.outcome === 'applied').length;
  }
  return confirmed;
}
