import type { Pool } from 'pg';

import { ExportWorksRpc, MAX_INLINE_EXPORT_BYTES } from '@atlas/contracts';
import { pgExecutor } from '@atlas/database';
import { rpcHandler, RpcHandlerError } from '@atlas/messaging';

import { EXPORT_MEDIA_TYPES, renderWorks } from '../exports/export-formats';
import { readAllProfileWorks } from '../repositories/profile-works.repository';
import { assertProfileAccess } from './profile.handlers';
import { replyingErrors } from './rpc-errors';

/** Most works one export renders. */
const MAX_EXPORT_WORKS = 10_000;

/** Builds the export of a profile's verified works as BibTeX, RIS, CSL-JSON or CSV. */
export function exportHandlers(pool: () => Pool) {
  return [
    rpcHandler(
      ExportWorksRpc,
      replyingErrors(async ({ actor, profileId, format, year, type }) => {
        assertProfileAccess(actor, profileId);
        const filters = { ...(year ? { year } : {}), ...(type ? { type } : {}) };
        const works = await readAllProfileWorks(pgExecutor(pool()), profileId, filters, MAX_EXPORT_WORKS);
        const content = renderWorks(works, format);
        const size = Buffer.byteLength(content);
        if (size > MAX_INLINE_EXPORT_BYTES) {
          // NOTE: exports over the inline cap should go to the object store as a reference; until then they are refused.
          throw new RpcHandlerError(
            'PAYLOAD_TOO_LARGE',
            `Export of ${works.length} works is ${size} bytes, over ${MAX_INLINE_EXPORT_BYTES}; filter by year or type`,
            { size, works: works.length },
          );
        }
        return {
          kind: 'inline' as const,
          mediaType: EXPORT_MEDIA_TYPES[format],
          content,
          works: works.length,
        };
      }),
    ),
  ];
}
