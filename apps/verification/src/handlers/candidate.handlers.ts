import type { Pool } from 'pg';

import { FindRawRecordsRpc, GetCandidateRpc } from '@atlas/contracts';
import type { RawRecord, Source } from '@atlas/contracts';
import { pgExecutor } from '@atlas/database';
import { rpcHandler } from '@atlas/messaging';

import { mayActFor } from '../domain/access';
import { candidateNotFound } from '../domain/errors';
import { readRecordWork } from '../repositories/candidate.repository';
import { SUMMARY_COLUMNS, toCandidateSummary } from '../repositories/queue.repository';
import { replyingErrors } from './rpc-errors';

import type { QueueRow } from '../repositories/queue.repository';

/** Fetches every stored version of a source record from ingest. */
export type RawVersionsFetcher = (source: Source, sourceId: string) => Promise<RawRecord[]>;

/** Builds the fetcher that requests records from ingest over `findRawRecords`. */
export function rawVersionsFromIngest(
  call: (
    definition: typeof FindRawRecordsRpc,
    request: { source: Source; sourceId: string },
  ) => Promise<{ items: RawRecord[] }>,
): RawVersionsFetcher {
  return async (source, sourceId) => (await call(FindRawRecordsRpc, { source, sourceId })).items;
}

/** Most raw record versions one candidate detail carries. */
const MAX_RAW_VERSIONS = 20;

/** Candidate detail: the summary, the parsed work and the raw source records, newest first. */
export function candidateHandlers(pool: () => Pool, fetchVersions: RawVersionsFetcher) {
  return [
    rpcHandler(
      GetCandidateRpc,
      replyingErrors(async ({ actor, candidateId }) => {
        const db = pgExecutor(pool());
        const result = await db.query<QueueRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM candidate_matches c
           JOIN record_versions r ON r.raw_record_id = c.raw_record_id WHERE c.id = $1`,
          [candidateId],
        );
        const row = result.rows[0];
        if (!row || !mayActFor(actor, row.profileId, row.delegatedTo)) throw candidateNotFound(candidateId);
        const work = await readRecordWork(db, row.rawRecordId);
        if (!work) throw candidateNotFound(candidateId);
        const versions = await fetchVersions(row.source, row.sourceId);
        const rawRecords = versions
          .sort((a, b) => b.fetchedAt.localeCompare(a.fetchedAt))
          .slice(0, MAX_RAW_VERSIONS);
        return {
          candidate: toCandidateSummary(row),
          work: { kind: 'inline' as const, value: work },
          rawRecords,
        };
      }),
    ),
  ];
}
