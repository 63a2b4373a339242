import type { PoolClient } from 'pg';

import { RejectionCode } from '@atlas/source-parsers';

import { copyRows } from '../copy/copy-text';
import type { CopyValue } from '../copy/copy-text';
import { mergeRecords } from '../records/merge-records';
import type { MergedRecord } from '../records/merge-records';
import { OUTBOX_COLUMNS, changeEventRow } from '../records/record-events';
import type { StagedRecord } from '../records/staged-record';
import { addRunCounts, commitFileProgress, insertRejections } from './import-run.repository';
import type { BatchEnd } from './import-run.repository';
import { countBySource, reportRecords } from './import-metrics';
import type { ImportMetrics, RecordOutcome } from './import-metrics';
import { emptyCounts } from './import-run.types';
import type { ImportCounts, ImportRejection } from './import-run.types';

/** A slice of one file: its records and rejections, and where it ends. */
export interface ImportBatch {
  records: StagedRecord[];
  rejections: ImportRejection[];
  end: BatchEnd;
}

/** The run a batch belongs to. */
export interface BatchTarget {
  runId: string;
  completeFor: readonly string[];
  metrics?: ImportMetrics;
}

interface MergeOutcome {
  merged: Array<{ staged: StagedRecord; merged: MergedRecord }>;
  refused: ImportRejection[];
}

/**
 * Writes one batch in one transaction: new and changed records, their events, the rejections and
 * the file's progress. A record the database refuses (invalid JSON text, a value too large for an
 * index) is isolated by bisection under savepoints and becomes a rejection; the rest still commits.
 */
export async function writeBatch(
  client: PoolClient,
  target: BatchTarget,
  batch: ImportBatch,
): Promise<ImportCounts> {
  await client.query('BEGIN');
  try {
    const outcome = await mergeIsolatingRefused(client, target, batch.records);
    const rejections = [...batch.rejections, ...outcome.refused];
    const counts = countOutcome(batch.records.length, outcome, rejections.length);

    await writeEvents(client, target.runId, outcome.merged);
    await insertRejections(client, target.runId, rejections);
    await commitFileProgress(client, target.runId, batch.end, counts);
    await addRunCounts(client, target.runId, counts);
    await client.query('COMMIT');
    reportRecords(target.metrics, countBySource(recordOutcomes(batch.records, outcome)));
    return counts;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function countOutcome(staged: number, outcome: MergeOutcome, rejected: number): ImportCounts {
  const counts = emptyCounts();
  for (const { merged } of outcome.merged) {
    if (merged.isNew) counts.inserted += 1;
    else counts.updated += 1;
  }
  counts.unchanged = staged - outcome.refused.length - outcome.merged.length;
  counts.rejected = rejected;
  return counts;
}

/** Outcome of every staged record that was not refused: stored, updated or unchanged. */
function recordOutcomes(records: readonly StagedRecord[], outcome: MergeOutcome) {
  const changed = new Map(outcome.merged.map(({ staged, merged }) => [staged, merged.isNew]));
  const refused = new Set(outcome.refused.map((rejection) => rejection.recordId));
  const entries: Array<{ source: string; outcome: RecordOutcome }> = [];
  for (const staged of records) {
    const isNew = changed.get(staged);
    if (isNew === undefined && refused.has(staged.item.sourceId)) continue;
    const result: RecordOutcome = isNew === undefined ? 'unchanged' : isNew ? 'stored' : 'updated';
    entries.push({ source: staged.item.source, outcome: result });
  }
  return entries;
}

async function writeEvents(client: PoolClient, runId: string, merged: MergeOutcome['merged']): Promise<void> {
  const rows: CopyValue[][] = [];
  for (const entry of merged) {
    const row = changeEventRow(entry.staged, entry.merged, { importRunId: runId });
    if (row) rows.push(row);
  }
  if (rows.length > 0) await copyRows(client, 'outbox_events', OUTBOX_COLUMNS, rows);
}

async function mergeIsolatingRefused(
  client: PoolClient,
  target: BatchTarget,
  records: StagedRecord[],
): Promise<MergeOutcome> {
  if (records.length === 0) return { merged: [], refused: [] };
  await client.query('SAVEPOINT merge_records');
  try {
    const merged = await mergeRecords(client, records, target.runId, target.completeFor);
    await client.query('RELEASE SAVEPOINT merge_records');
    return {
      merged: merged.map((entry) => ({ staged: records[entry.ordinal]!, merged: entry })),
      refused: [],
    };
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT merge_records');
    if (!isRefusedContent(error)) throw error;
    if (records.length === 1) return { merged: [], refused: [refusal(records[0]!, error)] };

    const middle = Math.ceil(records.length / 2);
    const first = await mergeIsolatingRefused(client, target, records.slice(0, middle));
    const second = await mergeIsolatingRefused(client, target, records.slice(middle));
    return { merged: [...first.merged, ...second.merged], refused: [...first.refused, ...second.refused] };
  }
}

/** Data exceptions (class 22) and limits (class 54) are about one record's content, not the database. */
function isRefusedContent(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('54'));
}

function refusal(record: StagedRecord, error: unknown): ImportRejection {
  const { location, sourceId } = record.item;
  return {
    file: location.file,
    ...(location.line !== undefined ? { line: location.line } : {}),
    ...(location.index !== undefined ? { index: location.index } : {}),
    recordId: sourceId,
    code: RejectionCode.invalidRecord,
    reason: `the database rejected the record: ${(error as Error).message}`,
  };
}
