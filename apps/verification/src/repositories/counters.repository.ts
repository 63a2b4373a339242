import type { CandidateStatus } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

/** One counter change. */
export interface CounterDelta {
  profileId: string;
  kind: 'status' | 'year' | 'type' | 'works';
  key: string;
  delta: number;
}

/** Applies counter changes in one statement, inside the caller's transaction. */
export async function shiftCounters(tx: SqlExecutor, deltas: readonly CounterDelta[]): Promise<void> {
  const changes = deltas.filter((delta) => delta.delta !== 0);
  if (changes.length === 0) return;
  await tx.query(
    `INSERT INTO profile_counters AS c (profile_id, kind, key, value)
     SELECT profile_id, kind, key, sum(delta) FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[])
       AS d(profile_id, kind, key, delta) GROUP BY profile_id, kind, key ORDER BY profile_id, kind, key
     ON CONFLICT (profile_id, kind, key) DO UPDATE SET value = c.value + excluded.value`,
    [
      changes.map((change) => change.profileId),
      changes.map((change) => change.kind),
      changes.map((change) => change.key),
      changes.map((change) => change.delta),
    ],
  );
}

/** Counter changes of a status transition. */
export function statusShift(
  profileId: string,
  from: CandidateStatus | undefined,
  to: CandidateStatus,
): CounterDelta[] {
  if (from === to) return [];
  const deltas: CounterDelta[] = [{ profileId, kind: 'status', key: to, delta: 1 }];
  if (from) deltas.push({ profileId, kind: 'status', key: from, delta: -1 });
  return deltas;
}

/**
 * Recounts a profile's verified works from its authorships, counting merged works once. Merges,
 * undos and unlinks call it: they are rare, and a profile has at most a few thousand works.
 */
export async function recountWorks(tx: SqlExecutor, profileId: string): Promise<void> {
  await tx.query(`DELETE FROM profile_counters WHERE profile_id = $1 AND kind IN ('works', 'year', 'type')`, [
    profileId,
  ]);
  await tx.query(
    `WITH works AS (
       SELECT DISTINCT w.id, w.publication_year, w.type
       FROM work_authorships a
       JOIN canonical_works m ON m.id = a.work_id
       JOIN canonical_works w ON w.id = coalesce(m.merged_into_id, m.id)
       WHERE a.profile_id = $1)
     INSERT INTO profile_counters (profile_id, kind, key, value)
     SELECT $1, 'works', 'all', count(*) FROM works
     UNION ALL SELECT $1, 'year', publication_year::text, count(*) FROM works
       WHERE publication_year IS NOT NULL GROUP BY publication_year
     UNION ALL SELECT $1, 'type', type, count(*) FROM works GROUP BY type`,
    [profileId],
  );
}

/** Every counter of a profile. */
export async function readCounters(tx: SqlExecutor, profileId: string): Promise<CounterDelta[]> {
  const result = await tx.query<{ kind: CounterDelta['kind']; key: string; value: string }>(
    `SELECT kind, key, value FROM profile_counters WHERE profile_id = $1`,
    [profileId],
  );
  return result.rows.map((row) => ({ profileId, kind: row.kind, key: row.key, delta: Number(row.value) }));
}
