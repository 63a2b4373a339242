import type { PoolClient } from 'pg';

import { readRecords } from '@atlas/source-parsers';
import type { ReadItem, RecordItem, RejectedItem, SourceFormat } from '@atlas/source-parsers';

import { recordKey, stageRecord } from '../records/staged-record';
import { writeBatch } from './batch-writer';
import type { BatchTarget, ImportBatch } from './batch-writer';
import { openCountedFile } from './counting-stream';
import type { ImportCounts, ImportFileProgress, ImportRejection, ImportWarning } from './import-run.types';

/** Batch limits: records per transaction, and bytes of raw JSON held per batch (bounds memory). */
export interface BatchLimits {
  maxRecords: number;
  maxBytes: number;
}

/** What a file import needs besides the file. */
export interface FileImportContext {
  client: PoolClient;
  target: BatchTarget;
  format?: SourceFormat;
  limits: BatchLimits;
  /** Called after each committed batch. */
  onCommitted(file: string, counts: ImportCounts, bytesCommitted: number): void;
  /** Called for each invalid field of a record read, before its batch commits. */
  onWarning?(warning: ImportWarning): void;
  /** Stops between batches when aborted; what was committed stays. */
  signal?: AbortSignal;
}

/** Builds batches of one file as its items arrive. */
class BatchBuilder {
  records: ImportBatch['records'] = [];
  rejections: ImportRejection[] = [];
  keys = new Set<string>();
  bytes = 0;
  lastLine: number | null = null;
  lastIndex: number | null = null;

  isEmpty(): boolean {
    return this.records.length === 0 && this.rejections.length === 0;
  }
}

/**
 * Imports one file from where its committed progress ends: reads every item, skips those already
 * committed, and writes batches in order, one transaction each. While one batch is written the next
 * is read, so parsing and the database work overlap.
 */
export async function importFile(file: ImportFileProgress, context: FileImportContext): Promise<void> {
  const counted = openCountedFile(file.path);
  const importedAt = new Date().toISOString();
  let itemNumber = 0;
  let builder = new BatchBuilder();
  let inFlight: Promise<void> = Promise.resolve();
  let failure: unknown;

  const flush = async (itemsInBatches: number, done: boolean) => {
    await inFlight;
    if (failure) throw failure;
    const batch = toBatch(builder, file.path, itemsInBatches, counted.bytesRead(), done);
    builder = new BatchBuilder();
    inFlight = writeBatch(context.client, context.target, batch).then(
      (counts) => context.onCommitted(file.path, counts, batch.end.bytesCommitted),
      (error: unknown) => {
        failure = error;
      },
    );
  };

  try {
    for await (const item of readRecords(counted.stream, { fileName: file.path, format: context.format })) {
      itemNumber += 1;
      if (itemNumber <= file.itemsCommitted) continue;
      // A record seen twice in one batch would make the merge ambiguous, so the batch ends before it.
      if (item.kind === 'record' && builder.keys.has(recordKey(item))) await flush(itemNumber - 1, false);
      addItem(builder, item, importedAt);
      if (item.kind === 'record' && context.onWarning) reportWarnings(item, context.onWarning);
      if (builder.records.length >= context.limits.maxRecords || builder.bytes >= context.limits.maxBytes) {
        await flush(itemNumber, false);
        if (context.signal?.aborted) break;
      }
    }
    if (!context.signal?.aborted) await flush(itemNumber, true);
    await inFlight;
    if (failure) throw failure;
  } finally {
    counted.stream.destroy();
  }
}

function addItem(builder: BatchBuilder, item: ReadItem, importedAt: string): void {
  if (item.kind === 'record') {
    const staged = stageRecord(item, importedAt);
    builder.records.push(staged);
    builder.keys.add(recordKey(item));
    builder.bytes += staged.dataJson.length;
  } else {
    builder.rejections.push(toRejection(item));
  }
  builder.lastLine = item.location.line ?? builder.lastLine;
  builder.lastIndex = item.location.index ?? builder.lastIndex;
}

function reportWarnings(item: RecordItem, onWarning: (warning: ImportWarning) => void): void {
  const { location } = item;
  for (const warning of item.warnings) {
    onWarning({
      file: location.file,
      ...(location.line !== undefined ? { line: location.line } : {}),
      ...(location.index !== undefined ? { index: location.index } : {}),
      recordId: item.sourceId,
      field: warning.field,
      reason: warning.reason,
    });
  }
}

function toBatch(
  builder: BatchBuilder,
  path: string,
  items: number,
  bytes: number,
  done: boolean,
): ImportBatch {
  return {
    records: builder.records,
    rejections: builder.rejections,
    end: {
      path,
      itemsCommitted: items,
      bytesCommitted: bytes,
      lastLine: builder.lastLine,
      lastIndex: builder.lastIndex,
      done,
    },
  };
}

/** Maps a parser rejection to a report entry. */
export function toRejection(item: RejectedItem): ImportRejection {
  const { location } = item;
  return {
    file: location.file,
    ...(location.line !== undefined ? { line: location.line } : {}),
    ...(location.index !== undefined ? { index: location.index } : {}),
    ...(item.recordId ? { recordId: item.recordId } : {}),
    code: item.code,
    reason: item.reason,
  };
}
