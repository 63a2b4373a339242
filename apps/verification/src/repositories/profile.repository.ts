import type {
  AffiliationPeriod,
  IdentifierRule,
  Profile,
  ProfileIdentity,
  ProfileSettings,
} from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import { profileNotFound } from '../domain/errors';
import { DEFAULT_SETTINGS } from '../domain/identity-values';

/** A profile with its name variants and affiliations, as the profile operations return it. */
export type ProfileDetail = Profile & { nameVariants: string[]; affiliations: AffiliationPeriod[] };

interface ProfileRow {
  id: string;
  primary_orcid: string | null;
  display_name: string;
  email: string | null;
  institution_id: string | null;
  avatar_url: string | null;
  bio: string | null;
  settings: Partial<ProfileSettings>;
  affiliations: AffiliationPeriod[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** Fields of a new profile. */
export interface NewProfile {
  displayName: string;
  orcid?: string;
  email?: string;
  institutionId?: string;
  affiliations?: AffiliationPeriod[];
}

/** Inserts a profile with the default settings and returns its id. */
export async function insertProfile(tx: SqlExecutor, profile: NewProfile): Promise<string> {
  const result = await tx.query<{ id: string }>(
    `INSERT INTO author_profiles (display_name, primary_orcid, email, institution_id, settings, affiliations)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      profile.displayName,
      profile.orcid ?? null,
      profile.email ?? null,
      profile.institutionId ?? null,
      JSON.stringify(DEFAULT_SETTINGS),
      JSON.stringify(profile.affiliations ?? []),
    ],
  );
  return result.rows[0]!.id;
}

/** Locks a profile that is not erased for a change, or refuses with NOT_FOUND. */
export async function lockProfile(tx: SqlExecutor, profileId: string): Promise<ProfileRow> {
  const result = await tx.query<ProfileRow>(
    `SELECT * FROM author_profiles WHERE id = $1 AND erased_at IS NULL FOR UPDATE`,
    [profileId],
  );
  if (!result.rows[0]) throw profileNotFound(profileId);
  return result.rows[0];
}

/** Reads a profile with its name variants, or refuses with NOT_FOUND. */
export async function readProfile(db: SqlExecutor, profileId: string): Promise<ProfileDetail> {
  const result = await db.query<ProfileRow>(
    `SELECT * FROM author_profiles WHERE id = $1 AND erased_at IS NULL`,
    [profileId],
  );
  const row = result.rows[0];
  if (!row) throw profileNotFound(profileId);
  const identities = await listIdentities(db, profileId);
  return toProfileDetail(row, identities);
}

/** Id of the profile holding an identity, if any. */
export async function findProfileByIdentity(
  db: SqlExecutor,
  type: string,
  value: string,
): Promise<string | undefined> {
  const result = await db.query<{ profile_id: string }>(
    `SELECT i.profile_id FROM profile_identities i JOIN author_profiles p ON p.id = i.profile_id
     WHERE i.identifier_type = $1 AND i.identifier_value = $2 AND p.erased_at IS NULL LIMIT 1`,
    [type, value],
  );
  return result.rows[0]?.profile_id;
}

/** Applies column changes and raises the version; returns the new version. */
export async function updateProfileColumns(
  tx: SqlExecutor,
  profileId: string,
  columns: Record<string, unknown>,
): Promise<number> {
  const names = Object.keys(columns);
  const assignments = names.map((name, index) => `${name} = $${index + 2}`);
  const result = await tx.query<{ version: number }>(
    `UPDATE author_profiles SET ${[...assignments, 'version = version + 1', 'updated_at = now()'].join(', ')}
     WHERE id = $1 RETURNING version`,
    [profileId, ...names.map((name) => columns[name])],
  );
  return result.rows[0]!.version;
}

/** Lists the identities of a profile, oldest first. */
export async function listIdentities(db: SqlExecutor, profileId: string): Promise<ProfileIdentity[]> {
  const result = await db.query<IdentityRow>(
    `SELECT * FROM profile_identities WHERE profile_id = $1 ORDER BY created_at, id`,
    [profileId],
  );
  return result.rows.map(toIdentity);
}

/** Lists the identifier rules of a profile, oldest first. */
export async function listRules(db: SqlExecutor, profileId: string): Promise<IdentifierRule[]> {
  const result = await db.query<RuleRow>(
    `SELECT * FROM identifier_rules WHERE profile_id = $1 ORDER BY created_at, id`,
    [profileId],
  );
  return result.rows.map(toRule);
}

/** Settings of a stored profile merged over the defaults. */
export function settingsOf(row: { settings: Partial<ProfileSettings> }): ProfileSettings {
  return { ...DEFAULT_SETTINGS, ...row.settings };
}

export function toProfileDetail(row: ProfileRow, identities: ProfileIdentity[]): ProfileDetail {
  return {
    id: row.id,
    ...(row.primary_orcid ? { primaryOrcid: row.primary_orcid } : {}),
    displayName: row.display_name,
    ...(row.email ? { email: row.email } : {}),
    ...(row.institution_id ? { institutionId: row.institution_id } : {}),
    ...(row.avatar_url ? { avatarUrl: row.avatar_url } : {}),
    ...(row.bio ? { bio: row.bio } : {}),
    settings: settingsOf(row),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    nameVariants: identities.filter((item) => item.type === 'name_variant').map((item) => item.value),
    affiliations: row.affiliations,
  };
}

export interface IdentityRow {
  id: string;
  identifier_type: ProfileIdentity['type'];
  identifier_value: string;
  is_primary: boolean;
  verified_at: Date | null;
  verification_method: string | null;
}

export function toIdentity(row: IdentityRow): ProfileIdentity {
  return {
    id: row.id,
    type: row.identifier_type,
    value: row.identifier_value,
    isPrimary: row.is_primary,
    ...(row.verified_at ? { verifiedAt: row.verified_at.toISOString() } : {}),
    ...(row.verification_method ? { verificationMethod: row.verification_method } : {}),
  };
}

export interface RuleRow {
  id: string;
  identifier_type: IdentifierRule['identifierType'];
  identifier_value: string;
  effect: IdentifierRule['effect'];
  created_at: Date;
}

export function toRule(row: RuleRow): IdentifierRule {
  return {
    id: row.id,
    identifierType: row.identifier_type,
    value: row.identifier_value,
    effect: row.effect,
    createdAt: row.created_at.toISOString(),
  };
}
