import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineRpc } from '../rpc-definition';
import { ActorFieldSchema } from '../common/actor';
import { literalUnion } from '../common/literal-union';
import { DoiSchema } from '../common/identifiers';
import { PayloadReferenceSchema } from '../common/payload-reference';
import { CountSchema, TimestampSchema } from '../common/primitives';
import { RawRecordSchema } from '../common/record.schema';
import { SourceIdSchema, SourceSchema } from '../common/sources';

/** Import formats the ingest service detects, or that a caller names. */
export const IMPORT_FORMATS = [
  'auto',
  'openalex-json',
  'openalex-jsonl',
  'crossref-json',
  'crossref-data-file',
  'hal-json',
  'hal-oai-xml',
  'orcid-json',
  'orcid-xml',
  'arxiv-atom',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const ImportFormatSchema = literalUnion(IMPORT_FORMATS);

/** Raw record versions of one source record or of one identifier, newest first. */
const RawRecordListSchema = Type.Object({
  items: Type.Array(RawRecordSchema, { maxItems: 200 }),
});

/** One stored version of a source record, by raw record id. */
export const GetRawRecordRpc = defineRpc({
  service: 'ingest',
  operation: 'getRawRecord',
  request: Type.Object({ rawRecordId: UuidSchema }),
  result: RawRecordSchema,
});

/** Latest versions of the records carrying a DOI, or every version of one source record. */
export const FindRawRecordsRpc = defineRpc({
  service: 'ingest',
  operation: 'findRawRecords',
  request: Type.Union([
    Type.Object({ doi: DoiSchema, latestOnly: Type.Optional(Type.Boolean()) }),
    Type.Object({
      source: SourceSchema,
      sourceId: SourceIdSchema,
      latestOnly: Type.Optional(Type.Boolean()),
    }),
  ]),
  result: RawRecordListSchema,
});

/** Counts and state of an import run. */
export const ImportRunSchema = Type.Object({
  id: UuidSchema,
  state: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
    Type.Literal('cancelled'),
  ]),
  /** Path or object name imported. */
  input: Type.String({ minLength: 1, maxLength: 1024 }),
  format: ImportFormatSchema,
  inserted: CountSchema,
  updated: CountSchema,
  unchanged: CountSchema,
  rejected: CountSchema,
  /** First rejections with their location and reason. */
  rejections: Type.Array(
    Type.Object({
      location: Type.String({ maxLength: 1024 }),
      reason: Type.String({ maxLength: 1000 }),
    }),
    { maxItems: 100 },
  ),
  startedAt: Type.Optional(TimestampSchema),
  finishedAt: Type.Optional(TimestampSchema),
});

/**
 * Starts an import of a file, folder or glob relative to the configured import folder, or of an
 * upload the gateway streamed into the object store. Paths leaving the import folder are rejected.
 */
export const StartImportRpc = defineRpc({
  service: 'ingest',
  operation: 'startImport',
  request: Type.Intersect([
    ActorFieldSchema,
    Type.Object({
      input: Type.Union([
        Type.Object({
          kind: Type.Literal('path'),
          path: Type.String({ minLength: 1, maxLength: 1024, pattern: '^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$' }),
        }),
        Type.Object({ kind: Type.Literal('upload'), reference: PayloadReferenceSchema }),
      ]),
      format: Type.Optional(ImportFormatSchema),
    }),
  ]),
  result: Type.Object({ importRunId: UuidSchema }),
});

/** State of one import run. */
export const GetImportRunRpc = defineRpc({
  service: 'ingest',
  operation: 'getImportRun',
  request: Type.Intersect([ActorFieldSchema, Type.Object({ importRunId: UuidSchema })]),
  result: ImportRunSchema,
});

/** Starts an on-demand synchronisation of one profile with some or all of its watched sources. */
export const StartSyncRpc = defineRpc({
  service: 'ingest',
  operation: 'startSync',
  request: Type.Intersect([
    ActorFieldSchema,
    Type.Object({
      profileId: UuidSchema,
      sources: Type.Optional(Type.Array(SourceSchema, { minItems: 1, maxItems: 5, uniqueItems: true })),
    }),
  ]),
  result: Type.Object({
    syncRunIds: Type.Array(UuidSchema, { maxItems: 5 }),
    /** Sources skipped because a sync of this profile with them is already running. */
    alreadyRunning: Type.Array(SourceSchema, { maxItems: 5 }),
  }),
});

/** Request/reply operations of the ingest service. */
export const INGEST_RPCS = [
  GetRawRecordRpc,
  FindRawRecordsRpc,
  StartImportRpc,
  GetImportRunRpc,
  StartSyncRpc,
] as const;
