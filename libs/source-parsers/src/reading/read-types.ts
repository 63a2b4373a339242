import type { RecordEntityType, Source, Work } from '@atlas/contracts';

import type { FieldWarning, RejectionCode } from '../model/parse-outcome';
import type { RecordUnit } from '../model/record-unit';
import type { SourceAuthorProfile } from '../model/source-author-profile.schema';
import type { SourceFormat } from './formats';

/** Position of an item: the file, and the line (JSON Lines) or index (documents) inside it. */
export interface RecordLocation {
  file: string;
  line?: number;
  index?: number;
}

/** A record read and mapped to the unified model. */
export interface RecordItem {
  kind: 'record';
  source: Source;
  sourceId: string;
  entityType: RecordEntityType;
  format: SourceFormat;
  /** Record as the source gave it; what is stored. */
  raw: Record<string, unknown>;
  /** Checksum of `raw` without its volatile fields (see `contentChecksum`). */
  checksum: string;
  /** Unified work, for `entityType: 'work'`. */
  work?: Work;
  /** Author profile, for `author` and `person` records. */
  profile?: SourceAuthorProfile;
  /** Fetch time stated by the file (capture lines), when it gives one. */
  fetchedAt?: string;
  /** Invalid source values that `work` leaves out or flags as invalid; empty when there are none. */
  warnings: FieldWarning[];
  location: RecordLocation;
}

/** A record, line or file that could not be read, with the reason. */
export interface RejectedItem {
  kind: 'rejected';
  code: RejectionCode;
  reason: string;
  location: RecordLocation;
  /** Source id of the record, when it could be read. */
  recordId?: string;
}

/** Item yielded by `readRecords`. */
export type ReadItem = RecordItem | RejectedItem;

/** A unit found by a format reader, or a rejection it produced itself. */
export type FoundUnit =
  { kind: 'unit'; unit: RecordUnit; location: RecordLocation; bytes?: number } | RejectedItem;

/** Options of `readRecords`. */
export interface ReadOptions {
  /** Format to use instead of detecting it from the content. */
  format?: SourceFormat;
  /** Name reported in locations when the input is a stream. */
  fileName?: string;
  /** Maximum size of one record in bytes (default 4 MiB). */
  maxRecordBytes?: number;
  /** Maximum size of a document read whole (XML feeds, ORCID documents), in bytes (default 64 MiB). */
  maxDocumentBytes?: number;
}

/** Limits and names a format reader works with. */
export interface ReaderContext {
  file: string;
  head: string;
  maxRecordBytes: number;
  maxDocumentBytes: number;
}
