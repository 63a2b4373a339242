import type { Pool } from 'pg';
import type { Logger } from 'pino';

import type { Source } from '@atlas/contracts';
import { withTransaction } from '@atlas/database';
import { markRecordsRemoved, storeFetchedRecords } from '@atlas/ingest-import';
import { SourceClientError, SourceErrorCode } from '@atlas/source-clients';
import { readApiRecord } from '@atlas/source-parsers';
import type { RecordItem } from '@atlas/source-parsers';

import {
  closeFailedRun,
  closeSucceededRun,
  commitPage,
  markListed,
  takeUnlisted,
} from '../repositories/sync-run.repository';
import type { SyncCounts, SyncCursorState, SyncPaging } from '../repositories/sync-run.repository';
import type { SyncProfile } from '../repositories/sync-profile.repository';
import type { SourceCircuits } from './circuit-breaker';
import type { HarvestPage, SourceHarvest } from './harvest/harvest-types';
import { planHarvest } from './harvest/plan-harvest';
import type { SourceClients } from './harvest/source-clients';
import { appendSourceSyncFinished } from './sync-events';
import type { SyncMetrics } from './sync-metrics';
import { nextSlot, retryDelayMs } from './schedule-slot';

/** Dependencies of the run of one profile with one source. */
export interface SourceSyncDeps {
  pool: Pool;
  clients: SourceClients;
  circuits: SourceCircuits;
  metrics: SyncMetrics;
  log: Logger;
  periodMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/** One opened run. */
export interface OpenedRun {
  id: string;
  profileId: string;
  source: Source;
  cursor: SyncCursorState;
}

/** Raised to stop a run between two pages: the lease was lost, or the service is stopping. */
export class SyncStoppedError extends Error {
  override readonly name = 'SyncStoppedError';
}

/** Raised when the circuit of the source is open, so no request was sent. */
export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';

  constructor(
    readonly source: Source,
    readonly until: Date,
  ) {
    super(
      `the circuit of ${source} is open after repeated failures; next trial after ${until.toISOString()}`,
    );
  }
}

const EMPTY: SyncCounts = { inserted: 0, updated: 0, unchanged: 0, removed: 0, rejected: 0 };

/**
 * Runs one profile with one source to the end or to its first failure. Each page is stored with the
 * cursor's new resume point in one transaction, so an interrupted run resumes after the last stored
 * page. `checkRunning` throws {@link SyncStoppedError} when the run must stop.
 */
export async function runSourceSync(
  deps: SourceSyncDeps,
  run: OpenedRun,
  profile: SyncProfile,
  checkRunning: () => void,
): Promise<'succeeded' | 'failed'> {
  const started = Date.now();
  const log = deps.log.child({ syncRunId: run.id, profileId: run.profileId, source: run.source });
  try {
    const until = await deps.circuits.rejectUntil(run.source);
    if (until) throw new CircuitOpenError(run.source, until);
    const since = run.cursor.syncedSince ? { at: run.cursor.syncedSince } : undefined;
    const harvest = planHarvest(deps.clients, run.source, profile, since);
    const paging = await harvestPages(deps, run, harvest, log, checkRunning);
    await finishSucceeded(deps, run, harvest, paging);
    await deps.circuits.recordSuccess(run.source);
    deps.metrics.runFinished(run.source, 'succeeded', (Date.now() - started) / 1000);
    log.info({ since: since?.at.toISOString() }, 'source synchronisation succeeded');
    return 'succeeded';
  } catch (error) {
    await deps.circuits.recordFailure(run.source, error).catch((circuitError: unknown) => {
      log.error({ err: circuitError }, 'failed to count the failure in the source circuit');
    });
    const retryAt = await finishFailed(deps, run, error);
    deps.metrics.runFinished(run.source, 'failed', (Date.now() - started) / 1000);
    log.warn(
      { err: error, retryAt: retryAt.toISOString() },
      'source synchronisation failed; retry scheduled',
    );
    return 'failed';
  }
}

function startPaging(run: OpenedRun, harvest: SourceHarvest): SyncPaging {
  const held = run.cursor.paging;
  const heldQuery = held ? harvest.queries[held.query] : undefined;
  if (held && (held.query >= harvest.queries.length || heldQuery?.key === held.queryKey)) return held;
  return {
    passId: run.id,
    passStartedAt: new Date().toISOString(),
    query: 0,
    queryKey: harvest.queries[0]?.key ?? null,
    token: null,
  };
}

async function harvestPages(
  deps: SourceSyncDeps,
  run: OpenedRun,
  harvest: SourceHarvest,
  log: Pick<Logger, 'info'>,
  checkRunning: () => void,
): Promise<SyncPaging> {
  let paging = startPaging(run, harvest);
  if (paging.token !== null) log.info({ query: paging.queryKey }, 'resuming an interrupted pass');
  while (paging.query < harvest.queries.length) {
    const query = harvest.queries[paging.query]!;
    for await (const page of query.pages(paging.token ?? undefined)) {
      checkRunning();
      const next: SyncPaging = page.resumeToken
        ? { ...paging, token: page.resumeToken }
        : {
            ...paging,
            query: paging.query + 1,
            queryKey: harvest.queries[paging.query + 1]?.key ?? null,
            token: null,
          };
      await storePage(deps, run, harvest, page, paging.passId, next);
      paging = next;
    }
    // A query that yields no page (it failed before its first response) leaves the loop by throwing.
    if (paging.queryKey === query.key) {
      paging = {
        ...paging,
        query: paging.query + 1,
        queryKey: harvest.queries[paging.query + 1]?.key ?? null,
        token: null,
      };
    }
  }
  return paging;
}

async function storePage(
  deps: SourceSyncDeps,
  run: OpenedRun,
  harvest: SourceHarvest,
  page: HarvestPage,
  passId: string,
  next: SyncPaging,
): Promise<void> {
  const items: RecordItem[] = [];
  const listed: string[] = [];
  let rejected = 0;
  page.records.forEach((record, index) => {
    const item = readApiRecord({
      source: harvest.source,
      raw: record.raw,
      location: { file: page.url, index },
      ...(record.ownerOrcid ? { ownerOrcid: record.ownerOrcid } : {}),
    });
    if (item.kind === 'rejected') {
      rejected += 1;
      deps.log.warn(
        { syncRunId: run.id, source: run.source, url: page.url, index, code: item.code, reason: item.reason },
        'source record rejected',
      );
      return;
    }
    listed.push(item.sourceId);
    if (record.changed) items.push(item);
  });

  const outcome = await withTransaction(deps.pool, async (client) => {
    const stored = await storeFetchedRecords(client, items, { syncRunId: run.id }, run.id);
    if (harvest.completeListsOf.length > 0)
      await markListed(client, run.profileId, run.source, listed, passId);
    const counts = {
      ...EMPTY,
      ...stored,
      unchanged: stored.unchanged + listed.length - items.length,
      rejected,
    };
    await commitPage(client, run, counts, next);
    return counts;
  });
  deps.metrics.recordsSynced(run.source, 'new', outcome.inserted);
  deps.metrics.recordsSynced(run.source, 'changed', outcome.updated);
  deps.metrics.recordsSynced(run.source, 'unchanged', outcome.unchanged);
  deps.metrics.recordsSynced(run.source, 'rejected', outcome.rejected);
}

async function finishSucceeded(
  deps: SourceSyncDeps,
  run: OpenedRun,
  harvest: SourceHarvest,
  paging: SyncPaging,
): Promise<void> {
  const prefixes = harvest.completeListsOf.map((orcid) => `${orcid}/work/`);
  const removed = await withTransaction(deps.pool, async (client) => {
    const unlisted = await takeUnlisted(client, run.profileId, run.source, paging.passId, prefixes);
    const marked = await markRecordsRemoved(client, run.source, unlisted, { syncRunId: run.id });
    const nextDueAt = nextSlot(run.profileId, deps.periodMs, new Date());
    await closeSucceededRun(client, run, marked.length, new Date(paging.passStartedAt), nextDueAt);
    await appendSourceSyncFinished(client, run.id);
    return marked.length;
  });
  deps.metrics.recordsSynced(run.source, 'removed', removed);
}

/** Tells whether the source refused the stored resume token, so the pass must start again. */
function rejectsResumeToken(error: unknown, paging: SyncPaging | null): boolean {
  if (!(error instanceof SourceClientError)) return false;
  if (error.code === SourceErrorCode.invalidResumeToken) return true;
  const clientError =
    error.code === SourceErrorCode.httpStatus && error.status !== undefined && error.status < 500;
  return clientError && error.status !== 429 && paging?.token != null;
}

function failureText(error: unknown): string {
  if (error instanceof SourceClientError) {
    const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
    return `${error.code}${status}: ${error.message}`;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function finishFailed(deps: SourceSyncDeps, run: OpenedRun, error: unknown): Promise<Date> {
  const failures = run.cursor.consecutiveFailures + 1;
  const delay = retryDelayMs(failures, deps.retryBaseMs, deps.retryMaxMs);
  const circuitUntil = error instanceof CircuitOpenError ? error.until.getTime() : 0;
  const retryAt = new Date(Math.max(Date.now() + delay, circuitUntil));
  const held = await deps.pool.query<{ paging: SyncPaging | null }>(
    'SELECT paging FROM sync_cursors WHERE profile_id = $1 AND source = $2',
    [run.profileId, run.source],
  );
  const restartPass = rejectsResumeToken(error, held.rows[0]?.paging ?? null);
  await withTransaction(deps.pool, async (client) => {
    await closeFailedRun(client, run, failureText(error).slice(0, 2000), retryAt, restartPass);
    await appendSourceSyncFinished(client, run.id);
  });
  return retryAt;
}
