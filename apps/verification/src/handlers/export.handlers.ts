import type { JetStreamClient } from '@nats-io/jetstream';
import type { Pool } from 'pg';

import { ExportWorksRpc, MAX_INLINE_EXPORT_BYTES } from '@atlas/contracts';
import { newId, pgExecutor } from '@atlas/database';
import { rpcHandler, storePayload } from '@atlas/messaging';

import { EXPORT_MEDIA_TYPES, renderWorks } from '../exports/export-formats';
import { readAllProfileWorks } from '../repositories/profile-works.repository';
import { assertProfileAccess } from './profile.handlers';
import { replyingErrors } from './rpc-errors';

/** Maximum number of works one export renders. */
const MAX_EXPORT_WORKS = 10_000;

/** Object store bucket of exports too large for a reply, which the gateway streams to the client. */
export const EXPORT_BUCKET = 'atlas_exports';

/** Seconds an export stays in its bucket; the gateway reads it right after the reply. */
const EXPORT_TTL_SECONDS = 3_600;

/**
 * Builds the export of a profile's verified works as BibTeX, RIS, CSL-JSON or CSV. An export over
 * `MAX_INLINE_EXPORT_BYTES` goes to the object store and the reply carries its reference.
 */
export function exportHandlers(pool: () => Pool, jetStream: () => Promise<JetStreamClient>) {
  return [
    rpcHandler(
      ExportWorksRpc,
      replyingErrors(async ({ actor, profileId, format, year, type }) => {
        assertProfileAccess(actor, profileId);
        const filters = { ...(year ? { year } : {}), ...(type ? { type } : {}) };
        const works = await readAllProfileWorks(pgExecutor(pool()), profileId, filters, MAX_EXPORT_WORKS);
        const content = renderWorks(works, format);
        const mediaType = EXPORT_MEDIA_TYPES[format];
        const bytes = Buffer.from(content, 'utf8');
        if (bytes.byteLength <= MAX_INLINE_EXPORT_BYTES) {
          return { kind: 'inline' as const, mediaType, content, works: works.length };
        }
        const name = `export-${profileId}-${newId()}`;
        const options = { bucket: EXPORT_BUCKET, ttlSeconds: EXPORT_TTL_SECONDS };
        const reference = await storePayload(await jetStream(), options, name, bytes, mediaType);
        return { kind: 'reference' as const, reference, works: works.length };
      }),
    ),
  ];
}
