import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineRpc } from '../rpc-definition';
import { ActorSchema } from '../common/actor';
import { CanonicalWorkListItemSchema } from '../common/canonical-work.schema';
import { CursorSchema, PageRequestSchema, PageSchema } from '../common/pagination';
import { PayloadReferenceSchema } from '../common/payload-reference';
import { CountSchema, ProbabilitySchema, YearSchema } from '../common/primitives';
import { ProfileChangedV1 } from '../events/verification-profile.events';
import { ExportFormatSchema } from '../common/verification-vocabulary';
import { WorkTypeSchema } from '../work/work-vocabulary';

/** Counts of a profile's candidates and works, kept as counters beside the decisions. */
export const ProfileStatsSchema = Type.Object({
  /** Candidates by status. */
  byStatus: Type.Object({
    pending: CountSchema,
    confirmed: CountSchema,
    rejected: CountSchema,
    uncertain: CountSchema,
    auto_confirmed: CountSchema,
    auto_rejected: CountSchema,
    merged: CountSchema,
    expired: CountSchema,
  }),
  /** Verified works by publication year. */
  byYear: Type.Array(Type.Object({ year: YearSchema, works: CountSchema }), { maxItems: 1200 }),
  /** Verified works by type. */
  byType: Type.Array(Type.Object({ type: WorkTypeSchema, works: CountSchema }), { maxItems: 50 }),
  /** Verified works. */
  works: CountSchema,
  /** Decided candidates divided by all candidates; 0 when there are none. */
  verificationRate: ProbabilitySchema,
});

/** Statistics of a profile. */
export const GetStatsRpc = defineRpc({
  service: 'verification',
  operation: 'getStats',
  request: Type.Object({ actor: ActorSchema, profileId: UuidSchema }),
  result: ProfileStatsSchema,
});

/** Largest export returned inline; larger ones go to the object store. */
export const MAX_INLINE_EXPORT_BYTES = 512 * 1024;

/** A profile's verified works in a citation format, inline when small, else by reference. */
export const ExportWorksRpc = defineRpc({
  service: 'verification',
  operation: 'exportWorks',
  request: Type.Object({
    actor: ActorSchema,
    profileId: UuidSchema,
    format: ExportFormatSchema,
    year: Type.Optional(YearSchema),
    type: Type.Optional(WorkTypeSchema),
  }),
  result: Type.Union([
    Type.Object({
      kind: Type.Literal('inline'),
      mediaType: Type.String({ minLength: 1, maxLength: 128 }),
      content: Type.String({ maxLength: MAX_INLINE_EXPORT_BYTES }),
      works: CountSchema,
    }),
    Type.Object({ kind: Type.Literal('reference'), reference: PayloadReferenceSchema, works: CountSchema }),
  ]),
});

/**
 * A profile's public publication list, for university web pages. No actor: the gateway calls it for
 * anonymous readers, and the service returns NOT_FOUND unless the profile's visibility is `public`.
 */
export const ListPublicWorksRpc = defineRpc({
  service: 'verification',
  operation: 'listPublicWorks',
  request: Type.Intersect([
    PageRequestSchema,
    Type.Object({
      profileId: UuidSchema,
      year: Type.Optional(YearSchema),
      type: Type.Optional(WorkTypeSchema),
      /** Institution of a signed-in reader, which also opens `institution` lists. */
      readerInstitutionId: Type.Optional(UuidSchema),
    }),
  ]),
  result: Type.Intersect([
    PageSchema(CanonicalWorkListItemSchema),
    Type.Object({ profile: Type.Object({ id: UuidSchema, displayName: Type.String({ maxLength: 256 }) }) }),
  ]),
});

/** Maximum profiles per snapshot page. */
export const MAX_SNAPSHOT_PAGE = 50;

/**
 * Pages of profile states for rebuilding a read model from scratch, in profile id order. Each item
 * is the payload of a profile changed event plus its version; consumers then follow the events.
 */
export const GetProfileSnapshotRpc = defineRpc({
  service: 'verification',
  operation: 'getProfileSnapshot',
  request: Type.Object({
    actor: ActorSchema,
    cursor: Type.Optional(CursorSchema),
    /** Profiles per page; a full profile state can approach the message cap on its own. */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SNAPSHOT_PAGE })),
  }),
  result: PageSchema(
    Type.Object({ profileVersion: Type.Integer({ minimum: 0 }), profile: ProfileChangedV1.schema }),
  ),
});
