import path from 'node:path';

import type { Static } from 'typebox';

import type { ImportRunSchema } from '@atlas/contracts';
import type { ImportRejection, ImportRunReport } from '@atlas/ingest-import';

import { importFormat } from '../domain/import-formats';

type ImportRunView = Static<typeof ImportRunSchema>;

/** Shows a path relative to the import folder when it lies inside it, so replies carry no server paths. */
function displayPath(file: string, importDir: string | undefined): string {
  if (!importDir) return path.basename(file);
  const relative = path.relative(path.resolve(importDir), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative
    : path.basename(file);
}

function describeInput(report: ImportRunReport, importDir: string | undefined): string {
  const [first] = report.inputs;
  if (!first) return '(no files)';
  const shown = displayPath(first, importDir);
  const more = report.inputs.length - 1;
  return (more > 0 ? `${shown} and ${more} more files` : shown).slice(0, 1024);
}

function describeLocation(rejection: ImportRejection, importDir: string | undefined): string {
  const parts = [displayPath(rejection.file, importDir)];
  if (rejection.line !== undefined) parts.push(`line ${rejection.line}`);
  if (rejection.index !== undefined) parts.push(`record ${rejection.index}`);
  if (rejection.recordId) parts.push(rejection.recordId);
  return parts.join(', ').slice(0, 1024);
}

/** Maps a run report to the reply of `getImportRun`. */
export function toImportRunView(report: ImportRunReport, importDir: string | undefined): ImportRunView {
  return {
    id: report.id,
    state: report.status,
    input: describeInput(report, importDir),
    format: importFormat(report.format),
    inserted: report.counts.inserted,
    updated: report.counts.updated,
    unchanged: report.counts.unchanged,
    rejected: report.counts.rejected,
    rejections: report.rejections.slice(0, 100).map((rejection) => ({
      location: describeLocation(rejection, importDir),
      reason: `[${rejection.code}] ${rejection.reason}`.slice(0, 1000),
    })),
    ...(report.startedAt ? { startedAt: report.startedAt } : {}),
    ...(report.finishedAt ? { finishedAt: report.finishedAt } : {}),
  };
}
