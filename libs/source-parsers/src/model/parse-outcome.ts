import type { Work } from '@atlas/contracts';

import type { SourceAuthorProfile } from './source-author-profile.schema';

/** Codes of the reasons a record or file is rejected; stable, so reports can be grouped by them. */
export const RejectionCode = {
  malformedJson: 'INGEST_ERR_MALFORMED_JSON',
  malformedXml: 'INGEST_ERR_MALFORMED_XML',
  missingField: 'INGEST_ERR_MISSING_FIELD',
  unknownFormat: 'INGEST_ERR_UNKNOWN_FORMAT',
  unknownRecord: 'INGEST_ERR_UNKNOWN_RECORD',
  nameMismatch: 'INGEST_ERR_FILE_NAME_MISMATCH',
  nulCharacter: 'INGEST_ERR_NUL_CHARACTER',
  tooLarge: 'INGEST_ERR_RECORD_TOO_LARGE',
  truncatedGzip: 'INGEST_ERR_TRUNCATED_GZIP',
  readFailed: 'INGEST_ERR_READ_FAILED',
  sourceError: 'INGEST_ERR_SOURCE_ERROR',
  invalidRecord: 'INGEST_ERR_INVALID_RECORD',
  invalidUtf8: 'INGEST_ERR_INVALID_UTF8',
  nestingTooDeep: 'INGEST_ERR_NESTING_TOO_DEEP',
} as const;
export type RejectionCode = (typeof RejectionCode)[keyof typeof RejectionCode];

/** A source field that was dropped or read differently because its value is invalid. */
export interface FieldWarning {
  /** Field as the source names it (`publication_date`), or a path into the unified work. */
  field: string;
  reason: string;
}

/** A source record mapped to the unified work model. */
export interface ParsedWork {
  ok: true;
  entityType: 'work';
  sourceId: string;
  work: Work;
  /** Invalid source fields the work leaves out or flags; the raw record keeps them as sent. */
  warnings?: FieldWarning[];
}

/** A source author or person record mapped to an author profile. */
export interface ParsedProfile {
  ok: true;
  entityType: 'author' | 'person';
  sourceId: string;
  profile: SourceAuthorProfile;
}

/** A source record that could not be mapped, with the reason. */
export interface ParseFailure {
  ok: false;
  code: RejectionCode;
  reason: string;
  /** Source id of the record, when it could be read. */
  recordId?: string;
}

/** Result of mapping one source record. */
export type ParseOutcome = ParsedWork | ParsedProfile | ParseFailure;

/** Builds a failure outcome. */
export function parseFailure(code: RejectionCode, reason: string, recordId?: string): ParseFailure {
  return { ok: false, code, reason, ...(recordId ? { recordId } : {}) };
}
