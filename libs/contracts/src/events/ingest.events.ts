import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineEvent } from '../event-definition';
import { InlineOrReferenceSchema } from '../common/payload-reference';
import { CountSchema, TimestampSchema } from '../common/primitives';
import { RawRecordRefSchema } from '../common/record.schema';
import { SourceIdSchema, SourceSchema } from '../common/sources';
import { WorkSchema } from '../work/work.schema';

/**
 * The unified work of a record event: inline, or in the object store when the serialised work could
 * exceed the message cap (the largest real work is about 1.8 MB).
 */
export const WorkContentSchema = InlineOrReferenceSchema(WorkSchema);

/** Run that brought a record to ingest. */
const RecordOriginSchema = Type.Object({
  /** Import run that stored it. */
  importRunId: Type.Optional(UuidSchema),
  /** Synchronisation run that stored it. */
  syncRunId: Type.Optional(UuidSchema),
});

/** A source record seen for the first time. Internal: works may carry author e-mail addresses. */
export const RecordStoredV1 = defineEvent({
  service: 'ingest',
  entity: 'record',
  event: 'stored',
  version: 1,
  public: false,
  schema: Type.Object({
    record: RawRecordRefSchema,
    work: WorkContentSchema,
    origin: RecordOriginSchema,
  }),
});

/** A source record came back with content different from its latest stored version. */
export const RecordUpdatedV1 = defineEvent({
  service: 'ingest',
  entity: 'record',
  event: 'updated',
  version: 1,
  public: false,
  schema: Type.Object({
    record: RawRecordRefSchema,
    /** Raw record id of the version this one replaces. */
    previousRawRecordId: UuidSchema,
    work: WorkContentSchema,
    /** Parts that changed in a way that matters for decisions (title, authors, identifiers). */
    materialChanges: Type.Array(
      Type.Union([
        Type.Literal('title'),
        Type.Literal('authors'),
        Type.Literal('identifiers'),
        Type.Literal('retraction'),
        Type.Literal('withdrawal'),
      ]),
      { maxItems: 5, uniqueItems: true },
    ),
    origin: RecordOriginSchema,
  }),
});

/** The source no longer has a record; ingest keeps every stored version. */
export const RecordRemovedV1 = defineEvent({
  service: 'ingest',
  entity: 'record',
  event: 'removed',
  version: 1,
  public: false,
  schema: Type.Object({
    source: SourceSchema,
    sourceId: SourceIdSchema,
    /** Latest stored version. */
    lastRawRecordId: UuidSchema,
    /** When the removal was noticed. */
    removedAt: TimestampSchema,
    origin: RecordOriginSchema,
  }),
});

/** Counts of an import run or a synchronisation. */
const RecordCountsSchema = Type.Object({
  inserted: CountSchema,
  updated: CountSchema,
  unchanged: CountSchema,
  removed: CountSchema,
  rejected: CountSchema,
});

/** A bulk import run ended, successfully or not. */
export const ImportRunFinishedV1 = defineEvent({
  service: 'ingest',
  entity: 'import_run',
  event: 'finished',
  version: 1,
  public: false,
  schema: Type.Object({
    importRunId: UuidSchema,
    outcome: Type.Union([Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('cancelled')]),
    counts: RecordCountsSchema,
    startedAt: TimestampSchema,
    finishedAt: TimestampSchema,
    /** Reason of a failure. */
    failure: Type.Optional(Type.String({ maxLength: 2000 })),
  }),
});

/** One synchronisation of one profile with one source ended. */
export const SourceSyncFinishedV1 = defineEvent({
  service: 'ingest',
  entity: 'source_sync',
  event: 'finished',
  version: 1,
  public: false,
  schema: Type.Object({
    syncRunId: UuidSchema,
    profileId: UuidSchema,
    source: SourceSchema,
    outcome: Type.Union([Type.Literal('succeeded'), Type.Literal('failed')]),
    /** Records new to the system. */
    newRecords: CountSchema,
    /** Records whose content changed. */
    changedRecords: CountSchema,
    /** Records the source no longer has. */
    removedRecords: CountSchema,
    startedAt: TimestampSchema,
    finishedAt: TimestampSchema,
    failure: Type.Optional(Type.String({ maxLength: 2000 })),
  }),
});

/** Outcome and counts of one source within a profile synchronisation. */
const ProfileSyncSourceSchema = Type.Object({
  source: SourceSchema,
  syncRunId: UuidSchema,
  outcome: Type.Union([Type.Literal('succeeded'), Type.Literal('failed')]),
  newRecords: CountSchema,
  changedRecords: CountSchema,
  removedRecords: CountSchema,
  failure: Type.Optional(Type.String({ maxLength: 2000 })),
});

/**
 * One synchronisation of a profile ended: every source it covered has finished, and the counts are
 * summed over them, so a run notifies its researcher once.
 */
export const ProfileSyncFinishedV1 = defineEvent({
  service: 'ingest',
  entity: 'profile_sync',
  event: 'finished',
  version: 1,
  public: false,
  schema: Type.Object({
    /** Id shared by the source runs of this synchronisation. */
    profileSyncId: UuidSchema,
    profileId: UuidSchema,
    /** `succeeded` when every source succeeded, `partial` when some failed, `failed` when all failed. */
    outcome: Type.Union([Type.Literal('succeeded'), Type.Literal('partial'), Type.Literal('failed')]),
    /** What started it: the schedule, a request, or a retry after a failure. */
    trigger: Type.Union([Type.Literal('schedule'), Type.Literal('request'), Type.Literal('retry')]),
    newRecords: CountSchema,
    changedRecords: CountSchema,
    removedRecords: CountSchema,
    sources: Type.Array(ProfileSyncSourceSchema, { minItems: 1, maxItems: 5 }),
    startedAt: TimestampSchema,
    finishedAt: TimestampSchema,
  }),
});

/** Events the ingest service publishes. */
export const INGEST_EVENTS = [
  RecordStoredV1,
  RecordUpdatedV1,
  RecordRemovedV1,
  ImportRunFinishedV1,
  SourceSyncFinishedV1,
  ProfileSyncFinishedV1,
] as const;
