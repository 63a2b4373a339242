import type { AffiliationPeriod, IdentifierType, ProfileSettings } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import { VerificationError, VerificationErrorReason } from '../domain/errors';
import { normalizeIdentity } from '../domain/identity-values';
import {
  findProfileByIdentity,
  insertProfile,
  lockProfile,
  readProfile,
  settingsOf,
  updateProfileColumns,
} from '../repositories/profile.repository';
import { insertIdentity, replaceNameVariants } from '../repositories/identity.repository';
import { publishProfileChange } from './profile-events.service';

import type { NewProfile, ProfileDetail } from '../repositories/profile.repository';
import type { ProfileChangeKind } from './profile-events.service';

/**
 * Creates a profile with its ORCID and e-mail as identities and publishes it. A profile already
 * holding the ORCID is returned instead.
 */
export async function createProfile(
  tx: SqlExecutor,
  request: NewProfile & { nameVariants?: string[]; identities?: { type: IdentifierType; value: string }[] },
): Promise<{ profile: ProfileDetail; created: boolean }> {
  const orcid = request.orcid ? normalizeIdentity('orcid', request.orcid) : undefined;
  const existing = orcid ? await findProfileByIdentity(tx, 'orcid', orcid) : undefined;
  if (existing) return { profile: await readProfile(tx, existing), created: false };

  const email = request.email ? normalizeIdentity('email', request.email) : undefined;
  const profileId = await insertProfile(tx, { ...request, orcid, email });
  if (orcid) await insertIdentity(tx, profileId, { type: 'orcid', value: orcid, isPrimary: true });
  if (email) await insertIdentity(tx, profileId, { type: 'email', value: email, isPrimary: true });
  for (const identity of request.identities ?? []) {
    await insertIdentity(tx, profileId, identity);
  }
  if (request.nameVariants) await replaceNameVariants(tx, profileId, request.nameVariants);
  await publishProfileChange(tx, profileId, ['created']);
  return { profile: await readProfile(tx, profileId), created: true };
}

/** Editable profile fields. */
export interface ProfileEdit {
  displayName?: string;
  email?: string | null;
  avatarUrl?: string | null;
  bio?: string | null;
  nameVariants?: string[];
  affiliations?: AffiliationPeriod[];
}

const COLUMNS = { displayName: 'display_name', email: 'email', avatarUrl: 'avatar_url', bio: 'bio' } as const;

/** Edits a profile; with `expectedVersion`, refuses an edit made on a stale copy. */
export async function updateProfile(
  tx: SqlExecutor,
  profileId: string,
  changes: ProfileEdit,
  expectedVersion?: number,
): Promise<ProfileDetail> {
  const row = await lockProfile(tx, profileId);
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new VerificationError(
      'CONFLICT',
      VerificationErrorReason.versionConflict,
      `Profile ${profileId} is at version ${row.version}, not ${expectedVersion}`,
      { profileId, version: row.version, expectedVersion },
    );
  }
  const columns: Record<string, unknown> = {};
  const kinds = new Set<ProfileChangeKind>();
  for (const [field, column] of Object.entries(COLUMNS)) {
    const value = changes[field as keyof typeof COLUMNS];
    if (value === undefined) continue;
    columns[column] = field === 'email' && value !== null ? normalizeIdentity('email', value) : value;
    kinds.add('details');
  }
  if (changes.affiliations) {
    columns.affiliations = JSON.stringify(changes.affiliations);
    kinds.add('affiliations');
  }
  if (changes.nameVariants) {
    await replaceNameVariants(tx, profileId, changes.nameVariants);
    kinds.add('name_variants');
  }
  if (kinds.size === 0) return readProfile(tx, profileId);
  await updateProfileColumns(tx, profileId, columns);
  await publishProfileChange(tx, profileId, [...kinds]);
  return readProfile(tx, profileId);
}

/** Changes settings; a threshold below the system floor is raised to it. */
export async function updateSettings(
  tx: SqlExecutor,
  profileId: string,
  changes: Partial<ProfileSettings>,
  systemFloor: number,
): Promise<ProfileSettings> {
  const row = await lockProfile(tx, profileId);
  const settings = { ...settingsOf(row), ...changes };
  settings.autoConfirmThreshold = Math.max(settings.autoConfirmThreshold, systemFloor);
  await updateProfileColumns(tx, profileId, { settings: JSON.stringify(settings) });
  await publishProfileChange(tx, profileId, ['settings']);
  return settings;
}

/** Raises the version of a profile whose identities or rules changed, and publishes it. */
export async function touchProfile(
  tx: SqlExecutor,
  profileId: string,
  kind: ProfileChangeKind,
): Promise<void> {
  await updateProfileColumns(tx, profileId, {});
  await publishProfileChange(tx, profileId, [kind]);
}
