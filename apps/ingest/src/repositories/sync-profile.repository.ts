import type { EventData, ProfileChangedV1, Source } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

/** What synchronisation reads of a profile: the identifiers and names it searches the sources by. */
export interface SyncProfile {
  profileId: string;
  displayName: string;
  orcids: string[];
  openalexIds: string[];
  halIdhals: string[];
  nameVariants: string[];
  watchedSources: Source[];
  allowNameSearch: boolean;
}

const OPENALEX_PREFIX = /^https?:\/\/openalex\.org\//i;

/** Reduces a profile changed event to what synchronisation reads. */
export function syncProfileOf(data: EventData<typeof ProfileChangedV1>): SyncProfile {
  const valuesOf = (type: string) =>
    data.facts.identities.filter((identity) => identity.type === type).map((identity) => identity.value);
  const orcids = new Set([...(data.primaryOrcid ? [data.primaryOrcid] : []), ...valuesOf('orcid')]);
  const variants = new Set([...data.facts.nameVariants, ...valuesOf('name_variant')]);
  variants.delete(data.displayName);
  return {
    profileId: data.profileId,
    displayName: data.displayName,
    orcids: [...orcids],
    openalexIds: [
      ...new Set(valuesOf('openalex').map((id) => id.replace(OPENALEX_PREFIX, '').toUpperCase())),
    ],
    halIdhals: [...new Set(valuesOf('hal_idhal'))],
    nameVariants: [...variants],
    watchedSources: [...data.settings.watchedSources],
    allowNameSearch: data.settings.allowNameSearch,
  };
}

/** Returns the version of the profile the read model holds, locking its row; undefined when absent. */
export async function lockSyncProfileVersion(
  tx: SqlExecutor,
  profileId: string,
): Promise<number | undefined> {
  const found = await tx.query<{ entity_version: number }>(
    'SELECT entity_version FROM sync_profiles WHERE profile_id = $1 FOR UPDATE',
    [profileId],
  );
  return found.rows[0]?.entity_version;
}

/** Inserts or replaces a profile of the read model at `version`. */
export async function saveSyncProfile(tx: SqlExecutor, profile: SyncProfile, version: number): Promise<void> {
  await tx.query(
    `INSERT INTO sync_profiles (profile_id, entity_version, display_name, orcids, openalex_ids, hal_idhals,
       name_variants, watched_sources, allow_name_search)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (profile_id) DO UPDATE SET
       entity_version = EXCLUDED.entity_version, display_name = EXCLUDED.display_name, orcids = EXCLUDED.orcids,
       openalex_ids = EXCLUDED.openalex_ids, hal_idhals = EXCLUDED.hal_idhals,
       name_variants = EXCLUDED.name_variants, watched_sources = EXCLUDED.watched_sources,
       allow_name_search = EXCLUDED.allow_name_search, updated_at = now()`,
    [
      profile.profileId,
      version,
      profile.displayName,
      profile.orcids,
      profile.openalexIds,
      profile.halIdhals,
      profile.nameVariants,
      profile.watchedSources,
      profile.allowNameSearch,
    ],
  );
}

/**
 * Keeps one cursor per watched source: a source newly watched is due at `firstDueAt`, and the cursor
 * of a source no longer watched is dropped, with its resume point.
 */
export async function syncWatchedCursors(
  tx: SqlExecutor,
  profileId: string,
  watched: readonly Source[],
  firstDueAt: Date,
): Promise<void> {
  await tx.query('DELETE FROM sync_cursors WHERE profile_id = $1 AND NOT (source = ANY($2::text[]))', [
    profileId,
    watched,
  ]);
  await tx.query(
    `INSERT INTO sync_cursors (profile_id, source, due_at)
     SELECT $1, source, $3 FROM unnest($2::text[]) AS source
     ON CONFLICT (profile_id, source) DO NOTHING`,
    [profileId, watched, firstDueAt],
  );
}

/** Removes an erased profile, its cursors and the list of records it was synchronised with. */
export async function deleteSyncProfile(tx: SqlExecutor, profileId: string): Promise<boolean> {
  await tx.query('DELETE FROM sync_cursors WHERE profile_id = $1', [profileId]);
  await tx.query('DELETE FROM sync_profile_records WHERE profile_id = $1', [profileId]);
  const deleted = await tx.query('DELETE FROM sync_profiles WHERE profile_id = $1', [profileId]);
  return deleted.rowCount > 0;
}

interface SyncProfileRow {
  profile_id: string;
  display_name: string;
  orcids: string[];
  openalex_ids: string[];
  hal_idhals: string[];
  name_variants: string[];
  watched_sources: Source[];
  allow_name_search: boolean;
}

/** Loads one profile of the read model; undefined when ingest has not heard of it. */
export async function loadSyncProfile(db: SqlExecutor, profileId: string): Promise<SyncProfile | undefined> {
  const found = await db.query<SyncProfileRow>('SELECT * FROM sync_profiles WHERE profile_id = $1', [
    profileId,
  ]);
  const row = found.rows[0];
  if (!row) return undefined;
  return {
    profileId: row.profile_id,
    displayName: row.display_name,
    orcids: row.orcids,
    openalexIds: row.openalex_ids,
    halIdhals: row.hal_idhals,
    nameVariants: row.name_variants,
    watchedSources: row.watched_sources,
    allowNameSearch: row.allow_name_search,
  };
}
