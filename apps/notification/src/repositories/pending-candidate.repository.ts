import type { SqlExecutor } from '@atlas/database';

/** One (record, author position, profile) proposal as the reminder job tracks it. */
export interface PendingCandidateKey {
  profileId: string;
  source: string;
  sourceId: string;
  authorPosition: number;
}

/**
 * Serialises the transactions that change the proposals of one record. A proposal and a decision on
 * the same position arrive on two consumers. Run side by side, neither would see the other's
 * uncommitted row, so a reminder would stay behind for a decided candidate. The lock ends with the
 * transaction.
 */
async function lockRecord(tx: SqlExecutor, source: string, sourceId: string): Promise<void> {
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('pending_candidates|' || $1 || '|' || $2, 0))`,
    [source, sourceId],
  );
}

/**
 * Replaces the pending proposals of one record with the given ones. A proposal already pending keeps its
 * first proposal time, so a re-score does not restart the reminder clock, and a proposal whose position
 * was already decided is not added. Returns the keys that are new.
 */
export async function replacePendingCandidates(
  tx: SqlExecutor,
  source: string,
  sourceId: string,
  proposals: { profileId: string; authorPosition: number }[],
): Promise<Set<string>> {
  const profiles = proposals.map((proposal) => proposal.profileId);
  const positions = proposals.map((proposal) => proposal.authorPosition);
  await lockRecord(tx, source, sourceId);
  await tx.query(
    `DELETE FROM pending_candidates p WHERE source = $1 AND source_id = $2
     AND NOT EXISTS (SELECT 1 FROM unnest($3::uuid[], $4::int[]) AS k(profile_id, author_position)
                     WHERE k.profile_id = p.profile_id AND k.author_position = p.author_position)`,
    [source, sourceId, profiles, positions],
  );
  const { rows } = await tx.query<{ profile_id: string; author_position: number }>(
    `INSERT INTO pending_candidates (profile_id, source, source_id, author_position, proposed_at)
     SELECT k.profile_id, $1, $2, k.author_position, now()
     FROM unnest($3::uuid[], $4::int[]) AS k(profile_id, author_position)
     WHERE NOT EXISTS (SELECT 1 FROM decided_candidates d
                       WHERE d.profile_id = k.profile_id AND d.source = $1 AND d.source_id = $2
                         AND d.author_position = k.author_position)
     ON CONFLICT DO NOTHING RETURNING profile_id, author_position`,
    [source, sourceId, profiles, positions],
  );
  return new Set(rows.map((row) => `${row.profile_id}:${row.author_position}`));
}

/**
 * Forgets a proposal once it is decided, and remembers the decision, so that the proposal arriving
 * later on its own consumer is not added back.
 */
export async function markCandidateDecided(tx: SqlExecutor, key: PendingCandidateKey): Promise<void> {
  const values = [key.profileId, key.source, key.sourceId, key.authorPosition];
  await lockRecord(tx, key.source, key.sourceId);
  await tx.query(
    `DELETE FROM pending_candidates
     WHERE profile_id = $1 AND source = $2 AND source_id = $3 AND author_position = $4`,
    values,
  );
  // NOTE: decided positions are kept for good; purging them needs a bound on how late a proposal may arrive.
  await tx.query(
    `INSERT INTO decided_candidates (profile_id, source, source_id, author_position)
     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    values,
  );
}

/** Forgets the decision of a position that is pending again (a reopened candidate). */
export async function clearCandidateDecided(tx: SqlExecutor, key: PendingCandidateKey): Promise<void> {
  await lockRecord(tx, key.source, key.sourceId);
  await tx.query(
    `DELETE FROM decided_candidates
     WHERE profile_id = $1 AND source = $2 AND source_id = $3 AND author_position = $4`,
    [key.profileId, key.source, key.sourceId, key.authorPosition],
  );
}

/** A profile due a reminder, with how many candidates have waited too long. */
export interface ReminderDue {
  profileId: string;
  pendingCount: number;
}

/**
 * Claims profiles whose candidates have waited longer than `minAgeMs` and that were not reminded within
 * `intervalMs`, recording the reminder in the same statement. A concurrent replica's upsert waits for the
 * row lock and then fails the interval condition, so two replicas never remind one profile twice.
 */
export async function claimDueReminders(
  tx: SqlExecutor,
  minAgeMs: number,
  intervalMs: number,
  limit: number,
): Promise<ReminderDue[]> {
  const { rows } = await tx.query<{ profile_id: string; pending_count: string }>(
    `WITH due AS (
       SELECT p.profile_id, count(*) AS pending_count
       FROM pending_candidates p
       LEFT JOIN reminder_state r ON r.profile_id = p.profile_id
       WHERE p.proposed_at <= now() - make_interval(secs => $1::double precision / 1000)
         AND (r.last_reminded_at IS NULL OR r.last_reminded_at <= now() - make_interval(secs => $2::double precision / 1000))
       GROUP BY p.profile_id ORDER BY p.profile_id LIMIT $3
     ), claimed AS (
       INSERT INTO reminder_state (profile_id, last_reminded_at)
       SELECT profile_id, now() FROM due
       ON CONFLICT (profile_id) DO UPDATE SET last_reminded_at = excluded.last_reminded_at
       WHERE reminder_state.last_reminded_at <= now() - make_interval(secs => $2::double precision / 1000)
       RETURNING profile_id
     )
     SELECT due.profile_id, due.pending_count FROM due JOIN claimed USING (profile_id)`,
    [minAgeMs, intervalMs, limit],
  );
  return rows.map((row) => ({ profileId: row.profile_id, pendingCount: Number(row.pending_count) }));
}

/** Lists the profiles other than `exceptProfileId` with a pending proposal on one author position. */
export async function listPendingProfilesOnPosition(
  tx: SqlExecutor,
  position: Omit<PendingCandidateKey, 'profileId'>,
  exceptProfileId: string,
): Promise<string[]> {
  const { rows } = await tx.query<{ profile_id: string }>(
    `SELECT profile_id FROM pending_candidates
     WHERE source = $1 AND source_id = $2 AND author_position = $3 AND profile_id <> $4
     ORDER BY profile_id`,
    [position.source, position.sourceId, position.authorPosition, exceptProfileId],
  );
  return rows.map((row) => row.profile_id);
}
