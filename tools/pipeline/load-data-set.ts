import type { NatsConnection } from '@nats-io/nats-core';

import { waitForPipelineIdle } from './pipeline-idle';
import { importThroughIngest } from './import-runs';
import { importProfilesFromRecords } from './profile-import';
import { readPipelineSummary } from './pipeline-summary';

import type { ImportRunView } from './import-runs';
import type { PipelineBacklog } from './pipeline-idle';
import type { PipelineSummary } from './pipeline-summary';
import type { ProfileImportCounts } from './profile-import';

/** Files to load, as paths relative to the ingest service's import folder. */
export interface DataSet {
  /** Absolute path of the import folder (`ATLAS_IMPORT_DIR` of the ingest service). */
  importDir: string;
  /** Files or folders with the ORCID person and OpenAlex author records that become profiles. */
  profilePaths: readonly string[];
  /** Files, folders or globs of every record to import, profile files included. */
  recordPaths: readonly string[];
}

/** Options of {@link loadDataSet}. */
export interface LoadOptions {
  nc: NatsConnection;
  /** Superuser URL of the services' database, to read backlogs and the summary. */
  databaseUrl: string;
  dataSet: DataSet;
  log: (line: string) => void;
  /** Milliseconds one import run may take. */
  importTimeoutMs?: number;
  /** Milliseconds matching and verification may take to process everything imported. */
  idleTimeoutMs?: number;
}

/** Report of a load: the imports, the profile import and the resulting totals. */
export interface LoadReport {
  imports: Array<{ path: string; run: ImportRunView }>;
  profiles: ProfileImportCounts;
  summary: PipelineSummary;
}

/** True when an import stored nothing new, e.g. because every checksum matched a stored version. */
export function changedNothing(run: ImportRunView): boolean {
  return run.inserted === 0 && run.updated === 0;
}

function describeRun(importPath: string, run: ImportRunView): string {
  // Updated and unchanged counts on a first load come from files holding several versions of one record.
  const label = importPath === '.' ? 'every file of the data folder' : importPath;
  return (
    `Imported ${label}: ${run.inserted} new, ${run.updated} updated, ` +
    `${run.unchanged} unchanged, ${run.rejected} rejected`
  );
}

/** Reason with its identifiers masked, so that rejections for the same cause count together. */
function reasonPattern(reason: string): string {
  return reason
    .replace(/\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b/g, '<ORCID iD>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>');
}

/** Prints how many profile records were rejected for each cause, the most frequent first. */
function logRejections(log: (line: string) => void, reasons: string[], limit = 5): void {
  const counts = new Map<string, { count: number; example: string }>();
  for (const reason of reasons) {
    const pattern = reasonPattern(reason);
    const entry = counts.get(pattern) ?? { count: 0, example: reason };
    entry.count += 1;
    counts.set(pattern, entry);
  }
  const causes = [...counts].sort((left, right) => right[1].count - left[1].count);
  for (const [pattern, { count, example }] of causes.slice(0, limit)) {
    log(`  ${count} rejected: ${pattern}${pattern === example ? '' : ` (e.g. ${example})`}`);
  }
  if (causes.length > limit) log(`  and ${causes.length - limit} other causes`);
}

function totalPending(backlog: PipelineBacklog): number {
  return Object.values(backlog.consumers).reduce((sum, count) => sum + count, 0);
}

/** Waits for idleness, printing a one-line progress report at most every 10 seconds. */
async function settle(options: LoadOptions, timeoutMs: number): Promise<void> {
  let lastPrinted = Date.now();
  let lastPending: number | undefined;
  await waitForPipelineIdle({
    nc: options.nc,
    databaseUrl: options.databaseUrl,
    timeoutMs,
    onProgress: (backlog) => {
      if (Date.now() - lastPrinted < 10_000) return;
      const seconds = Math.round((Date.now() - lastPrinted) / 1000);
      lastPrinted = Date.now();
      const pending = totalPending(backlog);
      const [busiest] = Object.entries(backlog.consumers).sort((left, right) => right[1] - left[1]);
      const change = lastPending === undefined ? '' : `, ${lastPending - pending} handled in ${seconds} s`;
      const where = busiest && busiest[1] > 0 ? `; most in ${busiest[0]}` : '';
      options.log(`  processing: ${pending} events waiting${change}${where}`);
      lastPending = pending;
    },
  });
}

/**
 * Loads a data set through the running services: imports the profile files through ingest, creates
 * profiles from their records through verification, lets matching index them, then imports every
 * record and waits until matching and verification have processed all of them. Loading data that
 * is already stored imports nothing new and creates no profile.
 */
export async function loadDataSet(options: LoadOptions): Promise<LoadReport> {
  const { nc, dataSet, log } = options;
  const importTimeoutMs = options.importTimeoutMs ?? 15 * 60_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 30 * 60_000;
  const imports: LoadReport['imports'] = [];

  for (const importPath of dataSet.profilePaths) {
    const run = await importThroughIngest(nc, importPath, importTimeoutMs);
    imports.push({ path: importPath, run });
    log(describeRun(importPath, run));
  }
  const profiles = await importProfilesFromRecords(nc, dataSet.importDir, dataSet.profilePaths);
  log(
    `Profiles: ${profiles.created} created, ${profiles.updated} merged into another record's profile, ` +
      `${profiles.alreadyHeld} already held, ${profiles.rejected.length} rejected`,
  );
  logRejections(
    log,
    profiles.rejected.map((entry) => entry.reason),
  );
  await settle(options, idleTimeoutMs);

  for (const importPath of dataSet.recordPaths) {
    const run = await importThroughIngest(nc, importPath, importTimeoutMs);
    imports.push({ path: importPath, run });
    log(describeRun(importPath, run));
  }
  log('Waiting for matching and verification to process the records...');
  await settle(options, idleTimeoutMs);
  return { imports, profiles, summary: await readPipelineSummary(options.databaseUrl) };
}
