import Type from 'typebox';

import type { Static } from 'typebox';

import { UuidSchema } from '../envelope';
import { ChecksumSchema, TimestampSchema } from './primitives';
import { RecordEntityTypeSchema, SourceIdSchema, SourceSchema } from './sources';

/** Pointer to one stored version of a source record (`raw_records` row). */
export const RawRecordRefSchema = Type.Object({
  /** Raw record id of this version. */
  rawRecordId: UuidSchema,
  /** Source of the record. */
  source: SourceSchema,
  /** Record id inside the source. */
  sourceId: SourceIdSchema,
  /** Content checksum of this version. */
  checksum: ChecksumSchema,
});
export type RawRecordRef = Static<typeof RawRecordRefSchema>;

/** One stored version of a source record, with the source's own JSON. */
export const RawRecordSchema = Type.Object({
  /** Raw record id. */
  id: UuidSchema,
  /** Source of the record. */
  source: SourceSchema,
  /** Record id inside the source. */
  sourceId: SourceIdSchema,
  /** Kind of record. */
  entityType: RecordEntityTypeSchema,
  /** Record exactly as the source delivered it (XML sources converted to JSON by the parser). */
  data: Type.Unknown(),
  /** When ingest fetched or imported it. */
  fetchedAt: TimestampSchema,
  /** Content checksum. */
  checksum: ChecksumSchema,
  /** Flag set when a newer version of the same source record exists. */
  superseded: Type.Boolean(),
});
export type RawRecord = Static<typeof RawRecordSchema>;
