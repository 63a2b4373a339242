import type { Pool, PoolClient } from 'pg';

import { ImportRunFinishedV1 } from '@atlas/contracts';
import { pgExecutor } from '@atlas/database';
import { appendEvent } from '@atlas/messaging';
import type { SourceFormat } from '@atlas/source-parsers';

import { importFile } from './file-importer';
import type { BatchLimits } from './file-importer';
import type { ImportMetrics } from './import-metrics';
import { loadRunReport, setRunState } from './import-run.repository';
import type { ImportCounts, ImportRunReport, ImportWarning } from './import-run.types';
import { emptyCounts } from './import-run.types';
import { markUnseenRemoved } from './removals';
import { claimRun, releaseRun } from './run-claim';
import type { ClaimedRun, ImportRequest } from './run-claim';

/** Default batch limits: a few thousand records, and at most 8 MiB of raw JSON per batch. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxRecords: 2_000, maxBytes: 8 * 1024 * 1024 };

/** Progress of a running import, reported after each committed batch. */
export interface ImportProgress {
  runId: string;
  file: string;
  bytesDone: number;
  bytesTotal: number;
  /** Counts committed by this process since it started (a resumed run's earlier counts excluded). */
  counts: ImportCounts;
}

/** How an import runs. */
export interface ImportExecution {
  limits?: Partial<BatchLimits>;
  onProgress?(progress: ImportProgress): void;
  /** Stops between batches; the run stays unfinished and can be resumed. */
  signal?: AbortSignal;
  /** Receives each invalid field of the records read; a resumed run skips the committed ones. */
  onWarning?(warning: ImportWarning): void;
  metrics?: ImportMetrics;
}

/** Claims the run of a request, then executes it; see `claimRun` and `executeClaimedRun`. */
export async function runImport(
  pool: Pool,
  request: ImportRequest,
  execution: ImportExecution = {},
): Promise<ImportRunReport> {
  return executeClaimedRun(pool, await claimRun(pool, request), execution);
}

/**
 * Imports every file of a claimed run that is not done, marks records a complete snapshot no longer
 * has as removed, records the outcome with an import run finished event, and releases the run.
 * Failures of the database end the run as failed (resumable); bad input never does.
 */
export async function executeClaimedRun(
  pool: Pool,
  claimed: ClaimedRun,
  execution: ImportExecution = {},
): Promise<ImportRunReport> {
  const { client, run } = claimed;
  const started = performance.now();
  try {
    await setRunState(client, run.id, 'running');
    try {
      const finished = await importFiles(client, run, execution);
      if (finished) {
        for (const source of run.completeFor) {
          const removed = await markUnseenRemoved(client, run.id, source);
          if (removed > 0) execution.metrics?.records(source, 'removed', removed);
        }
        await finishRun(client, run.id, 'succeeded');
      }
    } catch (error) {
      await finishRun(client, run.id, 'failed', (error as Error).message ?? String(error));
    }
  } finally {
    await releaseRun(claimed);
  }
  const report = (await loadRunReport(pool, run.id))!;
  execution.metrics?.runFinished(report.status, (performance.now() - started) / 1_000);
  return report;
}

/** Imports the files not done yet; returns false when stopped by the signal. */
async function importFiles(
  client: PoolClient,
  run: ImportRunReport,
  execution: ImportExecution,
): Promise<boolean> {
  const limits = { ...DEFAULT_BATCH_LIMITS, ...execution.limits };
  const bytesTotal = run.files.reduce((sum, file) => sum + file.sizeBytes, 0);
  let bytesBefore = run.files
    .filter((file) => file.status === 'done')
    .reduce((sum, file) => sum + file.sizeBytes, 0);
  const counts = emptyCounts();

  for (const file of run.files) {
    if (file.status === 'done') continue;
    if (execution.signal?.aborted) return false;
    await importFile(file, {
      client,
      target: { runId: run.id, completeFor: run.completeFor, metrics: execution.metrics },
      ...(run.format !== 'auto' ? { format: run.format as SourceFormat } : {}),
      limits,
      ...(execution.signal ? { signal: execution.signal } : {}),
      ...(execution.onWarning ? { onWarning: execution.onWarning } : {}),
      onCommitted: (path, batchCounts, bytesCommitted) => {
        addCounts(counts, batchCounts);
        execution.onProgress?.({
          runId: run.id,
          file: path,
          bytesDone: bytesBefore + bytesCommitted,
          bytesTotal,
          counts,
        });
      },
    });
    bytesBefore += file.sizeBytes;
  }
  return !execution.signal?.aborted;
}

function addCounts(total: ImportCounts, more: ImportCounts): void {
  total.inserted += more.inserted;
  total.updated += more.updated;
  total.unchanged += more.unchanged;
  total.removed += more.removed;
  total.rejected += more.rejected;
}

/** Ends a run and writes its finished event in one transaction. */
async function finishRun(
  client: PoolClient,
  runId: string,
  outcome: 'succeeded' | 'failed',
  failure?: string,
): Promise<void> {
  await client.query('BEGIN');
  try {
    await setRunState(client, runId, outcome, failure ?? null);
    const run = (await loadRunReport(client, runId, 0))!;
    await appendEvent(pgExecutor(client), 'ingest', ImportRunFinishedV1, {
      entityId: runId,
      entityVersion: 1,
      data: {
        importRunId: runId,
        outcome,
        counts: run.counts,
        startedAt: run.startedAt ?? run.createdAt,
        finishedAt: run.finishedAt ?? new Date().toISOString(),
        ...(failure ? { failure: failure.slice(0, 2000) } : {}),
      },
    });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
