import type { Pool } from 'pg';
import type { FastifyBaseLogger } from 'fastify';

import { IMPORT_ERROR_CODES, ImportError, claimRun, executeClaimedRun } from '@atlas/ingest-import';
import type { ClaimedRun, ImportRequest, ImportWarning } from '@atlas/ingest-import';

import { createImportMetrics } from './import-metrics';

/** Invalid-field warnings logged one by one per run; the rest are only counted. */
const LOGGED_WARNINGS_PER_RUN = 100;

/** Times one process resumes the same run, so a run that fails for good is not retried forever. */
const MAX_RESUMES_PER_RUN = 5;

/**
 * Imports started over request/reply, run in the background of the service process. Each run is
 * claimed before the request returns, so its id is known and no second process can take it; closing
 * stops the runs between batches, leaving them resumable. `resumeAbandoned` picks up the runs that a
 * killed process, or a lost database connection, left unfinished.
 */
export class ImportJobs {
  private readonly running = new Set<Promise<void>>();
  private readonly stop = new AbortController();
  private readonly metrics = createImportMetrics();
  private readonly resumes = new Map<string, number>();
  /** Runs this process executes now; after a failover their locks are gone, but they still run. */
  private readonly active = new Set<string>();

  constructor(
    private readonly pool: Pool,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Claims the run of a request and starts it; returns the run id once claimed. */
  async start(request: ImportRequest, cleanup?: () => Promise<void>): Promise<string> {
    const claimed = await claimRun(this.pool, { ...request, resume: 'never' });
    this.execute(claimed, cleanup);
    this.log.info({ importRunId: claimed.run.id, files: claimed.run.files.length }, 'import started');
    return claimed.run.id;
  }

  /**
   * Resumes the unfinished runs started through the service (`requested_by` set) that no live process
   * holds: queued or running ones whose process died, and failed ones (a database failure ends a run
   * as failed). Command-line runs are left to their command. Returns the ids of the resumed runs.
   */
  async resumeAbandoned(): Promise<string[]> {
    if (this.stop.signal.aborted) return [];
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM import_runs
       WHERE status IN ('queued', 'running', 'failed') AND requested_by IS NOT NULL
       ORDER BY created_at LIMIT 20`,
    );
    const resumed: string[] = [];
    for (const { id } of rows) {
      const attempts = this.resumes.get(id) ?? 0;
      if (attempts >= MAX_RESUMES_PER_RUN || this.active.has(id)) continue;
      let claimed: ClaimedRun;
      try {
        claimed = await claimRun(this.pool, { inputs: [], resume: { runId: id } });
      } catch (error) {
        const busy = error instanceof ImportError && error.code === IMPORT_ERROR_CODES.runBusy;
        const finished = error instanceof ImportError && error.code === IMPORT_ERROR_CODES.runFinished;
        if (!busy && !finished) throw error;
        continue;
      }
      this.resumes.set(id, attempts + 1);
      // NOTE: a resumed upload keeps its spooled file, because only the starting request holds the removal step.
      this.execute(claimed);
      this.log.info({ importRunId: id, attempt: attempts + 1 }, 'unfinished import resumed');
      resumed.push(id);
    }
    return resumed;
  }

  /** Stops the running imports after their current batch and waits for them. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.running]);
  }

  private execute(claimed: ClaimedRun, cleanup?: () => Promise<void>): void {
    const runId = claimed.run.id;
    this.active.add(runId);
    let warnings = 0;
    const onWarning = (warning: ImportWarning) => {
      warnings += 1;
      if (warnings <= LOGGED_WARNINGS_PER_RUN)
        this.log.warn(
          { importRunId: runId, ...warning },
          'invalid field dropped or flagged in the parsed work',
        );
    };
    const job = executeClaimedRun(this.pool, claimed, {
      signal: this.stop.signal,
      onWarning,
      metrics: this.metrics,
    })
      .then((report) =>
        this.log.info(
          { importRunId: runId, status: report.status, counts: report.counts, warnings },
          'import finished',
        ),
      )
      .catch((error: unknown) => this.log.error({ err: error, importRunId: runId }, 'import failed'))
      .finally(() =>
        cleanup?.().catch((error: unknown) =>
          this.log.warn({ err: error }, 'removing an uploaded file failed'),
        ),
      )
      .finally(() => {
        this.running.delete(job);
        this.active.delete(runId);
      });
    this.running.add(job);
  }
}
