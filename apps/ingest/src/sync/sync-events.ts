import { ProfileSyncFinishedV1, SourceSyncFinishedV1 } from '@atlas/contracts';
import type { EventData, Source } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';
import { appendEvent } from '@atlas/messaging';

interface RunRow {
  id: string;
  profile_id: string;
  source: Source;
  status: 'running' | 'succeeded' | 'failed';
  inserted: number;
  updated: number;
  removed: number;
  failure: string | null;
  started_at: Date;
  finished_at: Date | null;
}

/** Maximum length of the failure text in the events. */
const FAILURE_LENGTH = 2000;

function sourceSummary(run: RunRow): EventData<typeof ProfileSyncFinishedV1>['sources'][number] {
  return {
    source: run.source,
    syncRunId: run.id,
    outcome: run.status === 'succeeded' ? 'succeeded' : 'failed',
    newRecords: run.inserted,
    changedRecords: run.updated,
    removedRecords: run.removed,
    ...(run.failure ? { failure: run.failure.slice(0, FAILURE_LENGTH) } : {}),
  };
}

/** Writes the finished event of one closed source run to the outbox. */
export async function appendSourceSyncFinished(tx: SqlExecutor, runId: string): Promise<void> {
  const found = await tx.query<RunRow>('SELECT * FROM sync_runs WHERE id = $1', [runId]);
  const run = found.rows[0];
  if (!run || run.status === 'running' || !run.finished_at) return;
  const summary = sourceSummary(run);
  await appendEvent(tx, 'ingest', SourceSyncFinishedV1, {
    entityId: run.id,
    entityVersion: 1,
    data: {
      syncRunId: run.id,
      profileId: run.profile_id,
      source: run.source,
      outcome: summary.outcome,
      newRecords: run.inserted,
      changedRecords: run.updated,
      removedRecords: run.removed,
      startedAt: run.started_at.toISOString(),
      finishedAt: run.finished_at.toISOString(),
      ...(summary.failure ? { failure: summary.failure } : {}),
    },
  });
}

/**
 * Closes a profile synchronisation once none of its runs is running, and writes its one finished
 * event with the counts summed over its sources. Does nothing while a run is open or when the
 * synchronisation was already closed, so every caller may try.
 */
export async function closeProfileSyncIfDone(tx: SqlExecutor, profileSyncId: string): Promise<boolean> {
  const sync = await tx.query<{
    profile_id: string;
    trigger: 'schedule' | 'request' | 'retry';
    started_at: Date;
  }>(
    'SELECT profile_id, trigger, started_at FROM profile_syncs WHERE id = $1 AND finished_at IS NULL FOR UPDATE',
    [profileSyncId],
  );
  const head = sync.rows[0];
  if (!head) return false;
  const runs = (
    await tx.query<RunRow>('SELECT * FROM sync_runs WHERE profile_sync_id = $1 ORDER BY source', [
      profileSyncId,
    ])
  ).rows;
  if (runs.length === 0 || runs.some((run) => run.status === 'running')) return false;

  const finished = await tx.query<{ finished_at: Date }>(
    'UPDATE profile_syncs SET finished_at = now() WHERE id = $1 RETURNING finished_at',
    [profileSyncId],
  );
  const sources = runs.map(sourceSummary);
  const failed = sources.filter((source) => source.outcome === 'failed').length;
  let outcome: 'succeeded' | 'partial' | 'failed' = 'partial';
  if (failed === 0) outcome = 'succeeded';
  if (failed === runs.length) outcome = 'failed';
  const sum = (pick: (run: RunRow) => number) => runs.reduce((total, run) => total + pick(run), 0);
  await appendEvent(tx, 'ingest', ProfileSyncFinishedV1, {
    entityId: profileSyncId,
    entityVersion: 1,
    data: {
      profileSyncId,
      profileId: head.profile_id,
      outcome,
      trigger: head.trigger,
      newRecords: sum((run) => run.inserted),
      changedRecords: sum((run) => run.updated),
      removedRecords: sum((run) => run.removed),
      sources,
      startedAt: head.started_at.toISOString(),
      finishedAt: finished.rows[0]!.finished_at.toISOString(),
    },
  });
  return true;
}
