import type { IdentifierType, ProfileIdentity } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import { VerificationError, VerificationErrorReason } from '../domain/errors';
import { normalizeIdentity } from '../domain/identity-values';
import { toIdentity } from './profile.repository';

import type { IdentityRow } from './profile.repository';

/** Builds the CONFLICT for an identity that already belongs to another profile. */
export function identityTaken(type: string, value: string): VerificationError {
  return new VerificationError(
    'CONFLICT',
    VerificationErrorReason.identityTaken,
    `Identity ${type} ${value} already belongs to a profile`,
    { type, value },
  );
}

/**
 * Adds a normalised identity to a profile. A taken identity is a CONFLICT naming it; the same
 * identity on the same profile is returned as it is.
 */
export async function insertIdentity(
  tx: SqlExecutor,
  profileId: string,
  identity: { type: IdentifierType; value: string; isPrimary?: boolean },
): Promise<ProfileIdentity> {
  const value = normalizeIdentity(identity.type, identity.value);
  const owners = await tx.query<IdentityRow & { profile_id: string }>(
    `SELECT * FROM profile_identities WHERE identifier_type = $1 AND identifier_value = $2
       AND (identifier_type <> 'name_variant' OR profile_id = $3)`,
    [identity.type, value, profileId],
  );
  const row = owners.rows[0];
  if (row && row.profile_id !== profileId) throw identityTaken(identity.type, value);
  if (row) return toIdentity(row);
  if (identity.isPrimary) {
    await tx.query(
      `UPDATE profile_identities SET is_primary = false WHERE profile_id = $1 AND identifier_type = $2`,
      [profileId, identity.type],
    );
  }
  try {
    const inserted = await tx.query<IdentityRow>(
      `INSERT INTO profile_identities (profile_id, identifier_type, identifier_value, is_primary)
       VALUES ($1, $2, $3, $4) RETURNING *`,
      [profileId, identity.type, value, identity.isPrimary ?? false],
    );
    return toIdentity(inserted.rows[0]!);
  } catch (error) {
    // A concurrent request took the identity between the look-up and the insert.
    if ((error as { code?: string }).code === '23505') throw identityTaken(identity.type, value);
    throw error;
  }
}

/** Replaces the name variants of a profile. */
export async function replaceNameVariants(tx: SqlExecutor, profileId: string, names: string[]) {
  const normalized = [...new Set(names.map((name) => normalizeIdentity('name_variant', name)))];
  await tx.query(
    `DELETE FROM profile_identities WHERE profile_id = $1 AND identifier_type = 'name_variant'
       AND NOT (identifier_value = ANY($2::text[]))`,
    [profileId, normalized],
  );
  await tx.query(
    `INSERT INTO profile_identities (profile_id, identifier_type, identifier_value)
     SELECT $1, 'name_variant', unnest($2::text[]) ON CONFLICT DO NOTHING`,
    [profileId, normalized],
  );
}

/** Removes one identity of a profile; false when the profile has no such identity. */
export async function deleteIdentity(tx: SqlExecutor, profileId: string, identityId: string) {
  const result = await tx.query(`DELETE FROM profile_identities WHERE id = $1 AND profile_id = $2`, [
    identityId,
    profileId,
  ]);
  return (result.rowCount ?? 0) > 0;
}
