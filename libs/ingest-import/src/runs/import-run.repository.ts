import type { Pool, PoolClient } from 'pg';

import type { InputFile } from './input-files';
import type {
  ImportCounts,
  ImportFileProgress,
  ImportRejection,
  ImportRunReport,
  ImportRunState,
} from './import-run.types';

type Queryable = Pool | PoolClient;

/** What a new run imports. */
export interface NewImportRun {
  files: readonly InputFile[];
  inputKey: string;
  format: string;
  completeFor: readonly string[];
  requestedBy?: string;
}

/** Creates a queued run with one progress row per file; returns its id. */
export async function createImportRun(client: PoolClient, run: NewImportRun): Promise<string> {
  const inputs = JSON.stringify(run.files.map((file) => file.path));
  const created = await client.query<{ id: string }>(
    `INSERT INTO import_runs (inputs, input_key, format, complete_for, requested_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [inputs, run.inputKey, run.format, run.completeFor, run.requestedBy ?? null],
  );
  const id = created.rows[0]!.id;
  await client.query(
    `INSERT INTO import_run_files (run_id, path, position, size_bytes)
     SELECT $1, path, position::int, size::bigint
     FROM unnest($2::text[], $3::int[], $4::bigint[]) AS f(path, position, size)`,
    [
      id,
      run.files.map((file) => file.path),
      run.files.map((_, index) => index),
      run.files.map((file) => file.size),
    ],
  );
  return id;
}

/** Ids of unfinished runs of the same inputs, newest first. */
export async function findUnfinishedRuns(db: Queryable, inputKey: string): Promise<string[]> {
  const found = await db.query<{ id: string }>(
    `SELECT id FROM import_runs WHERE input_key = $1 AND status IN ('queued', 'running', 'failed')
     ORDER BY created_at DESC LIMIT 10`,
    [inputKey],
  );
  return found.rows.map((row) => row.id);
}

/** Sets a run's state; `running` stamps the start once, final states stamp the end. */
export async function setRunState(
  db: Queryable,
  runId: string,
  state: ImportRunState,
  failure: string | null = null,
): Promise<void> {
  await db.query(
    `UPDATE import_runs SET status = $2, failure = $3,
       started_at = CASE WHEN $2 = 'running' THEN COALESCE(started_at, now()) ELSE started_at END,
       finished_at = CASE WHEN $2 IN ('succeeded', 'failed', 'cancelled') THEN now() ELSE NULL END
     WHERE id = $1`,
    [runId, state, failure],
  );
}

/** Adds counts to a run, inside the caller's transaction. */
export async function addRunCounts(client: PoolClient, runId: string, counts: ImportCounts): Promise<void> {
  await client.query(
    `UPDATE import_runs SET inserted = inserted + $2, updated = updated + $3, unchanged = unchanged + $4,
       removed = removed + $5, rejected = rejected + $6 WHERE id = $1`,
    [runId, counts.inserted, counts.updated, counts.unchanged, counts.removed, counts.rejected],
  );
}

/** Where a committed batch ended in its file. */
export interface BatchEnd {
  path: string;
  itemsCommitted: number;
  bytesCommitted: number;
  lastLine: number | null;
  lastIndex: number | null;
  done: boolean;
}

/** Records a file's progress and counts after a batch, inside the batch's transaction. */
export async function commitFileProgress(
  client: PoolClient,
  runId: string,
  end: BatchEnd,
  counts: ImportCounts,
): Promise<void> {
  await client.query(
    `UPDATE import_run_files SET status = $3, items_committed = $4, bytes_committed = $5,
       last_line = COALESCE($6, last_line), last_index = COALESCE($7, last_index),
       inserted = inserted + $8, updated = updated + $9, unchanged = unchanged + $10, rejected = rejected + $11
     WHERE run_id = $1 AND path = $2`,
    [
      runId,
      end.path,
      end.done ? 'done' : 'running',
      end.itemsCommitted,
      end.bytesCommitted,
      end.lastLine,
      end.lastIndex,
      counts.inserted,
      counts.updated,
      counts.unchanged,
      counts.rejected,
    ],
  );
}

/** Appends rejections to a run, inside the caller's transaction. */
export async function insertRejections(
  client: PoolClient,
  runId: string,
  rejections: readonly ImportRejection[],
): Promise<void> {
  if (rejections.length === 0) return;
  await client.query(
    `INSERT INTO import_rejections (run_id, file, line, record_index, record_id, code, reason)
     SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[])`,
    [
      runId,
      rejections.map((rejection) => rejection.file),
      rejections.map((rejection) => rejection.line ?? null),
      rejections.map((rejection) => rejection.index ?? null),
      rejections.map((rejection) => rejection.recordId ?? null),
      rejections.map((rejection) => rejection.code),
      rejections.map((rejection) => rejection.reason),
    ],
  );
}

interface RunRow {
  id: string;
  status: ImportRunState;
  inputs: string[];
  format: string;
  complete_for: string[];
  inserted: string;
  updated: string;
  unchanged: string;
  removed: string;
  rejected: string;
  failure: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** Reads a run with its files and first rejections; undefined when no run has that id. */
export async function loadRunReport(
  db: Queryable,
  runId: string,
  rejectionLimit = 100,
): Promise<ImportRunReport | undefined> {
  const runs = await db.query<RunRow>('SELECT * FROM import_runs WHERE id = $1', [runId]);
  const run = runs.rows[0];
  if (!run) return undefined;
  return {
    id: run.id,
    status: run.status,
    inputs: run.inputs,
    format: run.format,
    completeFor: run.complete_for,
    counts: {
      inserted: Number(run.inserted),
      updated: Number(run.updated),
      unchanged: Number(run.unchanged),
      removed: Number(run.removed),
      rejected: Number(run.rejected),
    },
    files: await loadFiles(db, runId),
    rejections: await loadRejections(db, runId, rejectionLimit),
    createdAt: run.created_at.toISOString(),
    startedAt: run.started_at?.toISOString() ?? null,
    finishedAt: run.finished_at?.toISOString() ?? null,
    failure: run.failure,
  };
}

async function loadFiles(db: Queryable, runId: string): Promise<ImportFileProgress[]> {
  const files = await db.query(
    `SELECT path, position, size_bytes, status, items_committed, bytes_committed, last_line, last_index,
            inserted, updated, unchanged, rejected
     FROM import_run_files WHERE run_id = $1 ORDER BY position`,
    [runId],
  );
  return files.rows.map((row: Record<string, unknown>) => ({
    path: row['path'] as string,
    position: row['position'] as number,
    sizeBytes: Number(row['size_bytes']),
    status: row['status'] as ImportFileProgress['status'],
    itemsCommitted: Number(row['items_committed']),
    bytesCommitted: Number(row['bytes_committed']),
    lastLine: (row['last_line'] as number | null) ?? null,
    lastIndex: (row['last_index'] as number | null) ?? null,
    inserted: Number(row['inserted']),
    updated: Number(row['updated']),
    unchanged: Number(row['unchanged']),
    rejected: Number(row['rejected']),
  }));
}

async function loadRejections(db: Queryable, runId: string, limit: number): Promise<ImportRejection[]> {
  const rows = await db.query(
    `SELECT file, line, record_index, record_id, code, reason FROM import_rejections
     WHERE run_id = $1 ORDER BY id LIMIT $2`,
    [runId, limit],
  );
  return rows.rows.map((row: Record<string, unknown>) => ({
    file: row['file'] as string,
    ...(row['line'] !== null ? { line: row['line'] as number } : {}),
    ...(row['record_index'] !== null ? { index: row['record_index'] as number } : {}),
    ...(row['record_id'] !== null ? { recordId: row['record_id'] as string } : {}),
    code: row['code'] as string,
    reason: row['reason'] as string,
  }));
}
