import type { RejectionCode } from '@atlas/source-parsers';

/** States of an import run. */
export const IMPORT_RUN_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type ImportRunState = (typeof IMPORT_RUN_STATES)[number];

/** Counts of what an import did with the records it read. */
export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
  rejected: number;
}

/** A file of a run with its committed progress. */
export interface ImportFileProgress {
  path: string;
  position: number;
  sizeBytes: number;
  status: 'pending' | 'running' | 'done';
  /** Items (records and rejections) read and committed, in file order; a restart skips them. */
  itemsCommitted: number;
  /** Compressed bytes read from disk when the last committed batch was cut. */
  bytesCommitted: number;
  lastLine: number | null;
  lastIndex: number | null;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** Why a record, line or file was not stored. */
export interface ImportRejection {
  file: string;
  line?: number;
  index?: number;
  recordId?: string;
  code: RejectionCode | string;
  reason: string;
}

/** A stored record with a source field its parsed work leaves out or flags as invalid. */
export interface ImportWarning {
  file: string;
  line?: number;
  index?: number;
  recordId: string;
  /** Field as the source names it, or a path into the unified work. */
  field: string;
  reason: string;
}

/** State, counts, files and first rejections of one run. */
export interface ImportRunReport {
  id: string;
  status: ImportRunState;
  inputs: string[];
  format: string;
  completeFor: string[];
  counts: ImportCounts;
  files: ImportFileProgress[];
  rejections: ImportRejection[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  failure: string | null;
}

/** Returns zero counts. */
export function emptyCounts(): ImportCounts {
  return { inserted: 0, updated: 0, unchanged: 0, removed: 0, rejected: 0 };
}
