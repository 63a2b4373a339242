import type { Pool } from 'pg';
import type { FastifyBaseLogger } from 'fastify';

import { claimRun, executeClaimedRun } from '@atlas/ingest-import';
import type { ImportRequest, ImportWarning } from '@atlas/ingest-import';

import { createImportMetrics } from './import-metrics';

/** Invalid-field warnings logged one by one per run; the rest are only counted. */
const LOGGED_WARNINGS_PER_RUN = 100;

/**
 * Imports started over request/reply, run in the background of the service process. Each run is
 * claimed before the request returns, so its id is known and no second process can take it; closing
 * stops the runs between batches, leaving them resumable.
 */
export class ImportJobs {
  private readonly running = new Set<Promise<void>>();
  private readonly stop = new AbortController();
  private readonly metrics = createImportMetrics();

  constructor(
    private readonly pool: Pool,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Claims the run of a request and starts it; returns the run id once claimed. */
  async start(request: ImportRequest, cleanup?: () => Promise<void>): Promise<string> {
    const claimed = await claimRun(this.pool, { ...request, resume: 'never' });
    const runId = claimed.run.id;
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
      .finally(() => this.running.delete(job));
    this.running.add(job);
    this.log.info({ importRunId: runId, files: claimed.run.files.length }, 'import started');
    return runId;
  }

  /** Stops the running imports after their current batch and waits for them. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.running]);
  }
}
