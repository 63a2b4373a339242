import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineEvent } from '../event-definition';
import { CanonicalWorkSummarySchema } from '../common/canonical-work.schema';
import { InlineOrReferenceSchema } from '../common/payload-reference';
import { TimestampSchema } from '../common/primitives';
import { RawRecordRefSchema } from '../common/record.schema';
import { ActorRoleSchema, MergeRoleSchema } from '../common/verification-vocabulary';

/** A canonical work summary inline, or by reference for works with very long author lists. */
export const CanonicalWorkContentSchema = InlineOrReferenceSchema(CanonicalWorkSummarySchema);

/** A profile confirmed its authorship of a canonical work (created now or found). */
export const WorkConfirmedV1 = defineEvent({
  service: 'verification',
  entity: 'work',
  event: 'confirmed',
  version: 1,
  public: true,
  schema: Type.Object({
    workId: UuidSchema,
    profileId: UuidSchema,
    authorPosition: Type.Integer({ minimum: 1 }),
    /** Decision act that confirmed it. */
    actId: UuidSchema,
    /** Whether the canonical work was created by this confirmation. */
    workCreated: Type.Boolean(),
    /** Other profiles already confirmed on the work (co-authors). */
    coauthorProfileIds: Type.Array(UuidSchema, { maxItems: 10_000 }),
    work: CanonicalWorkContentSchema,
  }),
});

/** A canonical work changed: a source attached, a retraction or withdrawal flagged, metadata updated. */
export const WorkUpdatedV1 = defineEvent({
  service: 'verification',
  entity: 'work',
  event: 'updated',
  version: 1,
  public: true,
  schema: Type.Object({
    workId: UuidSchema,
    changes: Type.Array(
      Type.Union([
        Type.Literal('source_attached'),
        Type.Literal('metadata'),
        Type.Literal('retracted'),
        Type.Literal('withdrawn'),
        Type.Literal('source_removed'),
      ]),
      { minItems: 1, maxItems: 5, uniqueItems: true },
    ),
    /** Source record version behind the change. */
    record: Type.Optional(RawRecordRefSchema),
    /** Profiles confirmed on the work, to notify. */
    profileIds: Type.Array(UuidSchema, { maxItems: 10_000 }),
    work: CanonicalWorkContentSchema,
  }),
});

/** A profile removed its own authorship from a canonical work; other authorships stay. */
export const WorkUnlinkedV1 = defineEvent({
  service: 'verification',
  entity: 'work',
  event: 'unlinked',
  version: 1,
  public: true,
  schema: Type.Object({
    workId: UuidSchema,
    profileId: UuidSchema,
    unlinkedAt: TimestampSchema,
    unlinkedByRole: ActorRoleSchema,
  }),
});

/** Works were merged into a primary canonical work. */
export const WorkMergedV1 = defineEvent({
  service: 'verification',
  entity: 'work',
  event: 'merged',
  version: 1,
  public: true,
  schema: Type.Object({
    mergeId: UuidSchema,
    primaryWorkId: UuidSchema,
    merged: Type.Array(Type.Object({ workId: UuidSchema, role: MergeRoleSchema }), {
      minItems: 1,
      maxItems: 100,
    }),
    mergedAt: TimestampSchema,
    mergedByRole: ActorRoleSchema,
  }),
});

/** A merge was undone; the merged works are separate canonical works again. */
export const WorkMergeUndoneV1 = defineEvent({
  service: 'verification',
  entity: 'work',
  event: 'merge_undone',
  version: 1,
  public: true,
  schema: Type.Object({
    mergeId: UuidSchema,
    primaryWorkId: UuidSchema,
    restoredWorkIds: Type.Array(UuidSchema, { minItems: 1, maxItems: 100 }),
    undoneAt: TimestampSchema,
    undoneByRole: ActorRoleSchema,
  }),
});

/** A merge touching a work another profile confirmed awaits a curator. */
export const WorkMergeProposedV1 = defineEvent({
  service: 'verification',
  entity: 'work',
  event: 'merge_proposed',
  version: 1,
  public: false,
  schema: Type.Object({
    proposalId: UuidSchema,
    primaryWorkId: UuidSchema,
    merged: Type.Array(Type.Object({ workId: UuidSchema, role: MergeRoleSchema }), {
      minItems: 1,
      maxItems: 100,
    }),
    /** Profile whose owner asked for the merge. */
    requestedFor: UuidSchema,
    /** Profiles whose confirmed works the merge touches. */
    affectedProfileIds: Type.Array(UuidSchema, { maxItems: 10_000 }),
    proposedAt: TimestampSchema,
  }),
});
