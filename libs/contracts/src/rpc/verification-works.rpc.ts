import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineRpc } from '../rpc-definition';
import { ActorSchema } from '../common/actor';
import {
  AuthorshipSchema,
  CanonicalWorkListItemSchema,
  CanonicalWorkSummarySchema,
  WorkSourceLinkSchema,
} from '../common/canonical-work.schema';
import { NotesSchema } from '../common/candidate.schema';
import { PageRequestSchema, PageSchema } from '../common/pagination';
import { InlineOrReferenceSchema } from '../common/payload-reference';
import { TimestampSchema, YearSchema } from '../common/primitives';
import { MergeRoleSchema } from '../common/verification-vocabulary';
import { WorkTypeSchema } from '../work/work-vocabulary';

/** Full-text query on titles and author names; accent-insensitive, English and French stemming. */
export const WorkSearchSchema = Type.String({ minLength: 1, maxLength: 200 });

/** A profile's verified works, newest first, or by relevance when searching. */
export const ListWorksRpc = defineRpc({
  service: 'verification',
  operation: 'listWorks',
  request: Type.Intersect([
    PageRequestSchema,
    Type.Object({
      actor: ActorSchema,
      profileId: UuidSchema,
      year: Type.Optional(YearSchema),
      type: Type.Optional(WorkTypeSchema),
      search: Type.Optional(WorkSearchSchema),
    }),
  ]),
  result: PageSchema(CanonicalWorkListItemSchema),
});

/** One canonical work with the profile's authorship on it. */
export const GetWorkRpc = defineRpc({
  service: 'verification',
  operation: 'getWork',
  request: Type.Object({ actor: ActorSchema, profileId: UuidSchema, workId: UuidSchema }),
  result: Type.Object({
    work: InlineOrReferenceSchema(CanonicalWorkSummarySchema),
    authorship: AuthorshipSchema,
  }),
});

/** Source records attached to a canonical work, with their merge roles. */
export const GetWorkSourcesRpc = defineRpc({
  service: 'verification',
  operation: 'getWorkSources',
  request: Type.Object({ actor: ActorSchema, profileId: UuidSchema, workId: UuidSchema }),
  result: Type.Object({ items: Type.Array(WorkSourceLinkSchema, { maxItems: 500 }) }),
});

/**
 * Merges works into a primary one. A merge touching a work another profile confirmed is not applied:
 * it becomes a proposal for a curator (`proposed`). A merge that would form a cycle is rejected.
 */
export const MergeWorksRpc = defineRpc({
  service: 'verification',
  operation: 'mergeWorks',
  request: Type.Object({
    actor: ActorSchema,
    profileId: UuidSchema,
    primaryWorkId: UuidSchema,
    merged: Type.Array(Type.Object({ workId: UuidSchema, role: MergeRoleSchema }), {
      minItems: 1,
      maxItems: 100,
    }),
    notes: Type.Optional(NotesSchema),
  }),
  result: Type.Union([
    Type.Object({ outcome: Type.Literal('merged'), mergeId: UuidSchema }),
    Type.Object({ outcome: Type.Literal('proposed'), proposalId: UuidSchema }),
  ]),
});

/** Undoes a merge, restoring the merged works. */
export const UndoMergeRpc = defineRpc({
  service: 'verification',
  operation: 'undoMerge',
  request: Type.Object({ actor: ActorSchema, profileId: UuidSchema, mergeId: UuidSchema }),
  result: Type.Object({
    restoredWorkIds: Type.Array(UuidSchema, { maxItems: 100 }),
    undoneAt: TimestampSchema,
  }),
});

/** Removes the profile's own authorship from a work; other profiles' authorships stay. */
export const UnlinkWorkRpc = defineRpc({
  service: 'verification',
  operation: 'unlinkWork',
  request: Type.Object({
    actor: ActorSchema,
    profileId: UuidSchema,
    workId: UuidSchema,
    notes: Type.Optional(NotesSchema),
  }),
  result: Type.Object({ unlinkedAt: TimestampSchema }),
});
