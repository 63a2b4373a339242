import type { Pool } from 'pg';

import { ListPublicWorksRpc } from '@atlas/contracts';
import { pgExecutor } from '@atlas/database';
import { rpcHandler } from '@atlas/messaging';

import { profileNotFound } from '../domain/errors';
import { readProfile } from '../repositories/profile.repository';
import { readProfileWorks } from '../repositories/profile-works.repository';
import { replyingErrors } from './rpc-errors';

/**
 * A profile's publication list for anonymous readers: public lists for anyone, institution lists for
 * readers of the profile's institution; any other list looks like an unknown profile.
 */
export function publicWorksHandlers(pool: () => Pool) {
  return [
    rpcHandler(
      ListPublicWorksRpc,
      replyingErrors(async ({ profileId, readerInstitutionId, cursor, limit, year, type }) => {
        const db = pgExecutor(pool());
        const profile = await readProfile(db, profileId);
        const visibility = profile.settings.visibility;
        const sameInstitution =
          readerInstitutionId !== undefined && readerInstitutionId === profile.institutionId;
        if (visibility === 'private' || (visibility === 'institution' && !sameInstitution)) {
          throw profileNotFound(profileId);
        }
        const page = await readProfileWorks(db, {
          profileId,
          limit: limit ?? 50,
          ...(cursor ? { cursor } : {}),
          ...(year ? { year } : {}),
          ...(type ? { type } : {}),
        });
        return { ...page, profile: { id: profile.id, displayName: profile.displayName } };
      }),
    ),
  ];
}
