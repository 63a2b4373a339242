import type { Pool } from 'pg';

import { GetRawRecordRpc, ImportProfilesRpc } from '@atlas/contracts';
import type { RawRecord } from '@atlas/contracts';
import { pgExecutor, withTransaction } from '@atlas/database';
import { rpcHandler } from '@atlas/messaging';

import { VerificationError, VerificationErrorReason } from '../domain/errors';
import { importProfile, parseProfileRecord } from '../services/profile-import.service';
import { replyingErrors } from './rpc-errors';

/** Fetches one stored raw record from ingest. */
export type RawRecordFetcher = (rawRecordId: string) => Promise<RawRecord>;

/** Builds the fetcher that requests records from ingest over `getRawRecord`. */
export function rawRecordsFromIngest(
  call: (definition: typeof GetRawRecordRpc, request: { rawRecordId: string }) => Promise<RawRecord>,
): RawRecordFetcher {
  return (rawRecordId) => call(GetRawRecordRpc, { rawRecordId });
}

/** Builds the profile import, which runs each record in its own transaction so one invalid record fails alone. */
export function importHandlers(pool: () => Pool, fetchRaw: RawRecordFetcher) {
  return [
    rpcHandler(
      ImportProfilesRpc,
      replyingErrors(async ({ actor, rawRecordIds, defaults }) => {
        if (actor.role !== 'admin' && actor.role !== 'system') {
          throw new VerificationError(
            'FORBIDDEN',
            VerificationErrorReason.forbidden,
            'Only admins import profiles',
            {
              role: actor.role,
            },
          );
        }
        const totals = { created: 0, updated: 0, rejected: [] as { rawRecordId: string; reason: string }[] };
        for (const rawRecordId of rawRecordIds) {
          try {
            const source = parseProfileRecord(await fetchRaw(rawRecordId));
            if (typeof source === 'string') throw new Error(source);
            const outcome = await withTransaction(pool(), (client) =>
              importProfile(pgExecutor(client), source, defaults ?? {}),
            );
            totals[outcome] += 1;
          } catch (error) {
            totals.rejected.push({ rawRecordId, reason: (error as Error).message.slice(0, 1000) });
          }
        }
        return totals;
      }),
    ),
  ];
}
