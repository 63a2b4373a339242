import type { Pool } from 'pg';

import { FindRawRecordsRpc, GetRawRecordRpc } from '@atlas/contracts';
import { RpcHandlerError, rpcHandler } from '@atlas/messaging';

import {
  findRawRecordById,
  findRawRecordsByDoi,
  findRawRecordsBySourceId,
} from '../repositories/raw-record.repository';

/**
 * Builds the handlers of `getRawRecord` and `findRawRecords`. They serve author and person records
 * as well as works: profile import reads those by raw record id.
 */
export function rawRecordHandlers(pool: () => Pool) {
  return [
    rpcHandler(GetRawRecordRpc, async ({ rawRecordId }) => {
      const record = await findRawRecordById(pool(), rawRecordId);
      if (!record) throw new RpcHandlerError('NOT_FOUND', `No raw record has id ${rawRecordId}.`);
      return record;
    }),
    rpcHandler(FindRawRecordsRpc, async (request) => {
      const latestOnly = request.latestOnly ?? false;
      const items =
        'doi' in request
          ? await findRawRecordsByDoi(pool(), request.doi, latestOnly)
          : await findRawRecordsBySourceId(pool(), request.source, request.sourceId, latestOnly);
      return { items };
    }),
  ];
}
