/** Codes of the errors the import engine raises; stable, never reused. */
export const IMPORT_ERROR_CODES = {
  noInputs: 'INGEST_ERR_NO_INPUTS',
  inputMissing: 'INGEST_ERR_INPUT_MISSING',
  outsideImportFolder: 'INGEST_ERR_OUTSIDE_IMPORT_FOLDER',
  runNotFound: 'INGEST_ERR_RUN_NOT_FOUND',
  runBusy: 'INGEST_ERR_RUN_BUSY',
  runFinished: 'INGEST_ERR_RUN_FINISHED',
  batchFailed: 'INGEST_ERR_BATCH_FAILED',
} as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[keyof typeof IMPORT_ERROR_CODES];

/** An import that cannot start or go on, for a reason other than the content of its input. */
export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(
    readonly code: ImportErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
