import {
  CandidatesProposedV1,
  FindRawRecordsRpc,
  GetQueueRpc,
  RecordStoredV1,
  VerifyRpc,
} from '@atlas/contracts';
import type { RawRecord, Work } from '@atlas/contracts';
import { newId, pgExecutor } from '@atlas/database';
import { appendEvent, callRpc, rpcHandler } from '@atlas/messaging';
import { eventBusPlugin, natsPlugin, postgresPlugin } from '@atlas/service-runtime';
import type { ServiceApp } from '@atlas/service-runtime';
import { readRecords } from '@atlas/source-parsers';

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

/** Reads the first works of a real file that pass the filter. */
export async function realWorks(file: string, count: number, keep: (work: Work) => boolean): Promise<Work[]> {
  const works: Work[] = [];
  for await (const item of readRecords(file)) {
    if (item.kind === 'record' && item.work && keep(item.work)) {
      works.push(item.work);
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
    if (works.length === count) break;
  }
  return works;
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
