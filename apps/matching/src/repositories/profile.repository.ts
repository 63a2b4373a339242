import type { SqlExecutor } from '@atlas/database';
import type { ProfileRule } from '@atlas/matching-core';

import type { ProfileState } from '../domain/profile-state';

interface ProfileRow {
  profile_id: string;
  entity_version: number;
  display_name: string;
  names: string[];
  orcids: string[];
  emails: string[];
  identifiers: string[];
  affiliations: ProfileState['affiliations'];
  coauthors: string[];
  topics: string[];
  first_year: number | null;
  last_year: number | null;
}

function stateOf(row: ProfileRow, rules: ProfileRule[]): ProfileState {
  const state: ProfileState = {
    profileId: row.profile_id,
    version: row.entity_version,
    displayName: row.display_name,
    names: row.names,
    orcids: row.orcids,
    emails: row.emails,
    identifiers: row.identifiers,
    affiliations: row.affiliations,
    coauthors: row.coauthors,
    topics: row.topics,
    rules,
  };
  if (row.first_year !== null && row.last_year !== null)
    state.activeYears = { first: row.first_year, last: row.last_year };
  return state;
}

/**
 * Version of the profile the read model holds, locking its row until the transaction ends. The lock is
 * FOR NO KEY UPDATE so that other transactions inserting pairs that reference the profile (a foreign
 * key takes FOR KEY SHARE) are not blocked, which would deadlock them with this one.
 */
export async function lockProfileVersion(tx: SqlExecutor, profileId: string): Promise<number | undefined> {
  const found = await tx.query<{ entity_version: number }>(
    'SELECT entity_version FROM profiles WHERE profile_id = $1 FOR NO KEY UPDATE',
    [profileId],
  );
  return found.rows[0]?.entity_version;
}

/** Read-model states of profiles, with their identifier rules. */
export async function loadProfileStates(tx: SqlExecutor, profileIds: string[]): Promise<ProfileState[]> {
  if (profileIds.length === 0) return [];
  const rows = await tx.query<ProfileRow>('SELECT * FROM profiles WHERE profile_id = ANY($1::uuid[])', [
    profileIds,
  ]);
  const rules = await tx.query<{ profile_id: string; identifier: string; effect: ProfileRule['effect'] }>(
    'SELECT profile_id, identifier, effect FROM profile_rules WHERE profile_id = ANY($1::uuid[])',
    [profileIds],
  );
  return rows.rows.map((row) =>
    stateOf(
      row,
      rules.rows
        .filter((rule) => rule.profile_id === row.profile_id)
        .map(({ identifier, effect }) => ({ identifier, effect })),
    ),
  );
}

/** Writes a profile's state and replaces its identifier rules. */
export async function saveProfileState(tx: SqlExecutor, state: ProfileState): Promise<void> {
  await tx.query(
    `INSERT INTO profiles (profile_id, entity_version, display_name, names, orcids, emails, identifiers,
                           affiliations, coauthors, topics, first_year, last_year)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (profile_id) DO UPDATE SET
       entity_version = EXCLUDED.entity_version, display_name = EXCLUDED.display_name,
       names = EXCLUDED.names, orcids = EXCLUDED.orcids, emails = EXCLUDED.emails,
       identifiers = EXCLUDED.identifiers, affiliations = EXCLUDED.affiliations,
       coauthors = EXCLUDED.coauthors, topics = EXCLUDED.topics, first_year = EXCLUDED.first_year,
       last_year = EXCLUDED.last_year, updated_at = now()`,
    [
      state.profileId,
      state.version,
      state.displayName,
      state.names,
      state.orcids,
      state.emails,
      state.identifiers,
      JSON.stringify(state.affiliations),
      state.coauthors,
      state.topics,
      state.activeYears?.first ?? null,
      state.activeYears?.last ?? null,
    ],
  );
  await tx.query('DELETE FROM profile_rules WHERE profile_id = $1', [state.profileId]);
  await tx.query(
    `INSERT INTO profile_rules (profile_id, identifier, effect)
     SELECT $1, identifier, effect FROM unnest($2::text[], $3::text[]) AS rule (identifier, effect)
     ON CONFLICT DO NOTHING`,
    [state.profileId, state.rules.map((rule) => rule.identifier), state.rules.map((rule) => rule.effect)],
  );
}

/** Drops every read-model row of a profile (rules, feedback, keys and pairs cascade). */
export async function deleteProfile(tx: SqlExecutor, profileId: string): Promise<boolean> {
  const deleted = await tx.query('DELETE FROM profiles WHERE profile_id = $1', [profileId]);
  return deleted.rowCount > 0;
}

/** Replaces a profile's blocking keys; returns the keys it did not have before. */
export async function replaceBlockingKeys(
  tx: SqlExecutor,
  profileId: string,
  keys: string[],
): Promise<string[]> {
  const removed = await tx.query<{ blocking_key: string }>(
    'DELETE FROM blocking_keys WHERE profile_id = $1 RETURNING blocking_key',
    [profileId],
  );
  await tx.query(
    `INSERT INTO blocking_keys (blocking_key, profile_id) SELECT DISTINCT unnest($2::text[]), $1::uuid`,
    [profileId, keys],
  );
  const before = new Set(removed.rows.map((row) => row.blocking_key));
  return keys.filter((key) => !before.has(key));
}

/** Profiles indexed under any of the keys, as (key, profile) pairs. */
export async function profilesUnderKeys(
  tx: SqlExecutor,
  keys: string[],
): Promise<{ blocking_key: string; profile_id: string }[]> {
  if (keys.length === 0) return [];
  const found = await tx.query<{ blocking_key: string; profile_id: string }>(
    'SELECT blocking_key, profile_id FROM blocking_keys WHERE blocking_key = ANY($1::text[])',
    [keys],
  );
  return found.rows;
}
