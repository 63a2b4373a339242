import { ProfileErasedV1 } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';
import { appendEvent } from '@atlas/messaging';

import { VerificationError, VerificationErrorReason } from '../domain/errors';
import { DEFAULT_SETTINGS } from '../domain/identity-values';
import { lockProfile } from '../repositories/profile.repository';

/** Name an erased profile keeps, so lists that still reach it show no person. */
export const ERASED_DISPLAY_NAME = 'Erased profile';

/**
 * Erases a profile's personal data on its owner's request: names, contact data, identities, rules
 * and affiliations go; the row stays under its opaque id, so the acts that point at it remain a
 * whole audit trail that names no one. The caller repeats the display name to confirm.
 */
export async function eraseProfile(tx: SqlExecutor, profileId: string, confirmDisplayName: string) {
  const row = await lockProfile(tx, profileId);
  if (row.display_name !== confirmDisplayName) {
    throw new VerificationError(
      'BAD_REQUEST',
      VerificationErrorReason.erased,
      `Confirmation "${confirmDisplayName}" does not match the profile's display name`,
      { profileId, confirmDisplayName },
    );
  }
  await tx.query(`DELETE FROM profile_identities WHERE profile_id = $1`, [profileId]);
  await tx.query(`DELETE FROM identifier_rules WHERE profile_id = $1`, [profileId]);
  // NOTE: notes and evidence the person wrote into acts stay, because acts are append-only.
  const erased = await tx.query<{ erased_at: Date; version: number }>(
    `UPDATE author_profiles SET display_name = $2, primary_orcid = NULL, email = NULL, avatar_url = NULL,
       bio = NULL, institution_id = NULL, affiliations = '[]', settings = $3, last_login_at = NULL,
       erased_at = now(), updated_at = now(), version = version + 1
     WHERE id = $1 RETURNING erased_at, version`,
    [profileId, ERASED_DISPLAY_NAME, JSON.stringify({ ...DEFAULT_SETTINGS, visibility: 'private' })],
  );
  const { erased_at: erasedAt, version } = erased.rows[0]!;
  await appendEvent(tx, 'verification', ProfileErasedV1, {
    entityId: profileId,
    entityVersion: version,
    data: { profileId, erasedAt: erasedAt.toISOString() },
  });
  return { erasedAt: erasedAt.toISOString() };
}
