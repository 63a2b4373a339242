import type { Pool, PoolClient } from 'pg';

import { IMPORT_ERROR_CODES, ImportError } from '../errors';
import { createImportRun, findUnfinishedRuns, loadRunReport } from './import-run.repository';
import { inputKey, resolveInputFiles } from './input-files';
import type { ImportRunReport } from './import-run.types';

/** Class of the session advisory locks that mark a run as being worked on by a live process. */
const RUN_LOCK_CLASS = 0x696e67;

/** Which run an import continues. */
export type ResumeMode = 'auto' | 'never' | { runId: string };

/** What to import, as a caller states it. */
export interface ImportRequest {
  /** Files, folders and glob patterns. */
  inputs: readonly string[];
  cwd?: string;
  exclude?: readonly string[];
  format?: string;
  /** Sources of which the inputs are a complete snapshot: their records not seen are removed. */
  completeFor?: readonly string[];
  /** `auto` (default) continues an unfinished run of the same inputs; a run id continues that run. */
  resume?: ResumeMode;
  requestedBy?: string;
}

/** A run claimed by this process: its connection holds the run's lock until released. */
export interface ClaimedRun {
  client: PoolClient;
  run: ImportRunReport;
  resumed: boolean;
}

/**
 * Finds or creates the run of an import and locks it on a dedicated connection, so that a second
 * process cannot work on it at the same time while a killed process's run becomes free at once.
 */
export async function claimRun(pool: Pool, request: ImportRequest): Promise<ClaimedRun> {
  const client = await pool.connect();
  try {
    const claimed = await claimOn(client, request);
    return { client, ...claimed };
  } catch (error) {
    client.release();
    throw error;
  }
}

async function claimOn(client: PoolClient, request: ImportRequest): Promise<Omit<ClaimedRun, 'client'>> {
  const resume = request.resume ?? 'auto';
  if (typeof resume === 'object') return { run: await lockNamedRun(client, resume.runId), resumed: true };

  const format = request.format ?? 'auto';
  const completeFor = [...(request.completeFor ?? [])].sort();
  const files = await resolveInputFiles(request.inputs, request);
  const key = inputKey(files, format, completeFor);
  if (resume === 'auto') {
    for (const runId of await findUnfinishedRuns(client, key)) {
      if (await tryLockRun(client, runId))
        return { run: (await loadRunReport(client, runId))!, resumed: true };
    }
  }
  const runId = await createImportRun(client, {
    files,
    inputKey: key,
    format,
    completeFor,
    ...(request.requestedBy ? { requestedBy: request.requestedBy } : {}),
  });
  await tryLockRun(client, runId);
  return { run: (await loadRunReport(client, runId))!, resumed: false };
}

async function lockNamedRun(client: PoolClient, runId: string): Promise<ImportRunReport> {
  const run = await loadRunReport(client, runId);
  if (!run) throw new ImportError(IMPORT_ERROR_CODES.runNotFound, `No import run has id ${runId}.`);
  if (run.status === 'succeeded' || run.status === 'cancelled') {
    throw new ImportError(
      IMPORT_ERROR_CODES.runFinished,
      `Import run ${runId} already ended (${run.status}).`,
    );
  }
  if (!(await tryLockRun(client, runId))) {
    throw new ImportError(
      IMPORT_ERROR_CODES.runBusy,
      `Import run ${runId} is being worked on by another process.`,
    );
  }
  return run;
}

async function tryLockRun(client: PoolClient, runId: string): Promise<boolean> {
  const result = await client.query<{ locked: boolean }>(
    'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
    [RUN_LOCK_CLASS, runId],
  );
  return result.rows[0]!.locked;
}

/** Releases a run's lock and its connection. */
export async function releaseRun(claimed: ClaimedRun): Promise<void> {
  try {
    await claimed.client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
      RUN_LOCK_CLASS,
      claimed.run.id,
    ]);
  } finally {
    claimed.client.release();
  }
}
