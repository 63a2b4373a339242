import type { Source } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

/** Cause of a profile synchronisation. */
export type SyncTrigger = 'schedule' | 'request' | 'retry';

/** Resume point of a pass over a source's queries, committed with each page. */
export interface SyncPaging {
  /** Run that started the pass; records a complete list contained are marked with it. */
  passId: string;
  /** Start time of the pass, from which the next pass requests changes. */
  passStartedAt: string;
  /** Index of the query to continue with. */
  query: number;
  /** Key of that query, so that a query changed since (new identities) restarts the pass. */
  queryKey: string | null;
  /** Token of the page to fetch next; null for the first page of the query. */
  token: string | null;
}

/** A cursor as a run starts from it. */
export interface SyncCursorState {
  syncedSince: Date | null;
  paging: SyncPaging | null;
  consecutiveFailures: number;
}

/** Counts a page or a run adds. */
export interface SyncCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
  rejected: number;
}

/** Records a new profile synchronisation. */
export async function insertProfileSync(
  tx: SqlExecutor,
  sync: { id: string; profileId: string; trigger: SyncTrigger },
): Promise<void> {
  await tx.query('INSERT INTO profile_syncs (id, profile_id, trigger) VALUES ($1, $2, $3)', [
    sync.id,
    sync.profileId,
    sync.trigger,
  ]);
}

/**
 * Opens a run under the lease of its profile and source: runs of the pair still marked running belong
 * to a replica that stopped, so they are failed first. Returns the cursor the run starts from and the
 * profile synchronisations of the failed runs, which may now be complete.
 */
export async function openRun(
  tx: SqlExecutor,
  run: { id: string; profileSyncId: string; profileId: string; source: Source },
): Promise<{ cursor: SyncCursorState; interruptedSyncs: string[] }> {
  const interrupted = await tx.query<{ profile_sync_id: string }>(
    `UPDATE sync_runs SET status = 'failed', finished_at = now(),
       failure = 'interrupted: the replica running it stopped before the run finished'
     WHERE profile_id = $1 AND source = $2 AND status = 'running' AND id <> $3
     RETURNING profile_sync_id`,
    [run.profileId, run.source, run.id],
  );
  const found = await tx.query<{
    synced_since: Date | null;
    paging: SyncPaging | null;
    consecutive_failures: number;
  }>(
    `INSERT INTO sync_cursors (profile_id, source, due_at) VALUES ($1, $2, now())
     ON CONFLICT (profile_id, source) DO UPDATE SET updated_at = now()
     RETURNING synced_since, paging, consecutive_failures`,
    [run.profileId, run.source],
  );
  const row = found.rows[0]!;
  await tx.query(
    `INSERT INTO sync_runs (id, profile_sync_id, profile_id, source, since, resumed) VALUES ($1, $2, $3, $4, $5, $6)`,
    [run.id, run.profileSyncId, run.profileId, run.source, row.synced_since, row.paging !== null],
  );
  return {
    cursor: {
      syncedSince: row.synced_since,
      paging: row.paging,
      consecutiveFailures: row.consecutive_failures,
    },
    interruptedSyncs: [...new Set(interrupted.rows.map((entry) => entry.profile_sync_id))],
  };
}

/** Adds a page's counts to its run and moves the cursor's resume point past the page. */
export async function commitPage(
  tx: SqlExecutor,
  run: { id: string; profileId: string; source: Source },
  counts: SyncCounts,
  paging: SyncPaging,
): Promise<void> {
  await tx.query(
    `UPDATE sync_runs SET inserted = inserted + $2, updated = updated + $3, unchanged = unchanged + $4,
       removed = removed + $5, rejected = rejected + $6
     WHERE id = $1`,
    [run.id, counts.inserted, counts.updated, counts.unchanged, counts.removed, counts.rejected],
  );
  await tx.query(
    'UPDATE sync_cursors SET paging = $3, updated_at = now() WHERE profile_id = $1 AND source = $2',
    [run.profileId, run.source, JSON.stringify(paging)],
  );
}

/** Marks source records as contained in a complete list of the pass. */
export async function markListed(
  tx: SqlExecutor,
  profileId: string,
  source: Source,
  sourceIds: readonly string[],
  passId: string,
): Promise<void> {
  if (sourceIds.length === 0) return;
  await tx.query(
    `INSERT INTO sync_profile_records (profile_id, source, source_id, last_seen_pass)
     SELECT $1, $2, source_id, $4 FROM unnest($3::text[]) AS source_id
     ON CONFLICT (profile_id, source, source_id) DO UPDATE SET last_seen_pass = EXCLUDED.last_seen_pass, removed_at = NULL`,
    [profileId, source, sourceIds, passId],
  );
}

/**
 * Returns the records of the profile's complete lists (source ids starting with one of `prefixes`)
 * that this pass did not list, and marks them removed for the profile.
 */
export async function takeUnlisted(
  tx: SqlExecutor,
  profileId: string,
  source: Source,
  passId: string,
  prefixes: readonly string[],
): Promise<string[]> {
  if (prefixes.length === 0) return [];
  const result = await tx.query<{ source_id: string }>(
    `UPDATE sync_profile_records SET removed_at = now()
     WHERE profile_id = $1 AND source = $2 AND removed_at IS NULL AND last_seen_pass <> $3
       AND EXISTS (SELECT 1 FROM unnest($4::text[]) AS prefix WHERE starts_with(source_id, prefix))
     RETURNING source_id`,
    [profileId, source, passId, prefixes],
  );
  return result.rows.map((row) => row.source_id);
}

/** Closes a successful run, so that the next pass requests the changes since this pass started. */
export async function closeSucceededRun(
  tx: SqlExecutor,
  run: { id: string; profileId: string; source: Source },
  removed: number,
  passStartedAt: Date,
  nextDueAt: Date,
): Promise<void> {
  await tx.query(
    `UPDATE sync_runs SET status = 'succeeded', removed = removed + $2, finished_at = now() WHERE id = $1`,
    [run.id, removed],
  );
  await tx.query(
    `UPDATE sync_cursors SET synced_since = $3, paging = NULL, consecutive_failures = 0, last_failure = NULL,
       last_success_at = now(), due_at = $4, updated_at = now()
     WHERE profile_id = $1 AND source = $2`,
    [run.profileId, run.source, passStartedAt, nextDueAt],
  );
}

/**
 * Closes a failed run with its reason and schedules the retry. The resume point stays, unless
 * `restartPass` is set because the source no longer accepts it.
 */
export async function closeFailedRun(
  tx: SqlExecutor,
  run: { id: string; profileId: string; source: Source },
  failure: string,
  retryAt: Date,
  restartPass: boolean,
): Promise<void> {
  await tx.query(`UPDATE sync_runs SET status = 'failed', failure = $2, finished_at = now() WHERE id = $1`, [
    run.id,
    failure,
  ]);
  await tx.query(
    `UPDATE sync_cursors SET consecutive_failures = consecutive_failures + 1, last_failure = $3, due_at = $4,
       paging = CASE WHEN $5 THEN NULL ELSE paging END, updated_at = now()
     WHERE profile_id = $1 AND source = $2`,
    [run.profileId, run.source, failure, retryAt, restartPass],
  );
}

/** Returns the sources of a profile that are due now, with their consecutive failures. */
export async function dueSources(
  db: SqlExecutor,
  profileId: string,
): Promise<Array<{ source: Source; failures: number }>> {
  const result = await db.query<{ source: Source; consecutive_failures: number }>(
    'SELECT source, consecutive_failures FROM sync_cursors WHERE profile_id = $1 AND due_at <= now()',
    [profileId],
  );
  return result.rows.map((row) => ({ source: row.source, failures: row.consecutive_failures }));
}

/** Returns profiles with at least one source due, longest waiting first. */
export async function dueProfiles(
  db: SqlExecutor,
  limit: number,
  skip: readonly string[],
): Promise<string[]> {
  const result = await db.query<{ profile_id: string }>(
    `SELECT profile_id FROM sync_cursors WHERE due_at <= now() AND NOT (profile_id = ANY($2::uuid[]))
     GROUP BY profile_id ORDER BY min(due_at) LIMIT $1`,
    [limit, skip],
  );
  return result.rows.map((row) => row.profile_id);
}
