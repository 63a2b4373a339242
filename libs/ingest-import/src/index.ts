/**
 * Bulk import of source files into raw records: reads files with the source parsers, writes batches
 * through COPY and one merge statement that de-duplicates by checksum, keeps the latest version of
 * each record, and writes one outbox event per stored, updated or removed record in the same
 * transaction. Runs record their progress per file and resume where they stopped.
 */
export { IMPORT_ERROR_CODES, ImportError } from './errors';
export type { ImportErrorCode } from './errors';
export { runImport, executeClaimedRun, DEFAULT_BATCH_LIMITS } from './runs/import-runner';
export type { ImportExecution, ImportProgress } from './runs/import-runner';
export type { ImportMetrics, RecordOutcome } from './runs/import-metrics';
export { claimRun, releaseRun } from './runs/run-claim';
export type { ClaimedRun, ImportRequest, ResumeMode } from './runs/run-claim';
export { loadRunReport } from './runs/import-run.repository';
export { resolveInputFiles, inputKey } from './runs/input-files';
export type { InputFile } from './runs/input-files';
export { IMPORT_RUN_STATES, emptyCounts } from './runs/import-run.types';
export type {
  ImportCounts,
  ImportFileProgress,
  ImportRejection,
  ImportRunReport,
  ImportRunState,
  ImportWarning,
} from './runs/import-run.types';
export type { BatchLimits } from './runs/file-importer';
export { copyField, copyRow, copyRows } from './copy/copy-text';
export type { CopyValue } from './copy/copy-text';
export { materialChanges, materialFingerprint } from './records/material-fingerprint';
export type { MaterialChange, MaterialFingerprint } from './records/material-fingerprint';
export { recordEntityId } from './records/record-events';
export { storeFetchedRecords, markRecordsRemoved } from './records/store-fetched';
export type { FetchedOutcome } from './records/store-fetched';
export type { EventOrigin } from './records/record-events';
