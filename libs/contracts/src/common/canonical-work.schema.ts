import Type from 'typebox';

import type { Static } from 'typebox';

import { UuidSchema } from '../envelope';
import { WorkIdentifiersSchema } from '../work/work.schema';
import { WorkTypeSchema } from '../work/work-vocabulary';
import { IssnSchema, OrcidSchema } from './identifiers';
import { PartialDateSchema, TimestampSchema, YearSchema } from './primitives';
import { RawRecordRefSchema } from './record.schema';
import { MergeRoleSchema } from './verification-vocabulary';

/** Author of a canonical work as listed, without contact data. */
export const CanonicalAuthorSchema = Type.Object({
  /** Position in the author list, from 1. */
  position: Type.Integer({ minimum: 1 }),
  /** Name as listed. */
  name: Type.String({ minLength: 1, maxLength: 512 }),
  /** Valid ORCID iD. */
  orcid: Type.Optional(OrcidSchema),
  /** Profile that confirmed this position. */
  profileId: Type.Optional(UuidSchema),
});

/**
 * Canonical work fields that search, lists and export need. The author list is the full list as
 * printed, so a summary of a very large collaboration paper can approach 1 MB on its own.
 */
export const CanonicalWorkSummarySchema = Type.Object({
  /** Canonical work id. */
  id: UuidSchema,
  /** Title. */
  title: Type.String({ minLength: 1, maxLength: 4000 }),
  /** Type. */
  type: WorkTypeSchema,
  /** Publication date. */
  publicationDate: Type.Optional(PartialDateSchema),
  /** Publication year. */
  publicationYear: Type.Optional(YearSchema),
  /** Venue name. */
  venueName: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  /** Venue ISSNs. */
  issns: Type.Array(IssnSchema, { maxItems: 10 }),
  /** Identifiers merged from every source record. */
  identifiers: WorkIdentifiersSchema,
  /** Authors as listed. */
  authors: Type.Array(CanonicalAuthorSchema, { maxItems: 10_000 }),
  /** Retraction flag from any source. */
  isRetracted: Type.Boolean(),
  /** Last change. */
  updatedAt: TimestampSchema,
});
export type CanonicalWorkSummary = Static<typeof CanonicalWorkSummarySchema>;

/** Number of leading authors a list item carries. */
export const LIST_ITEM_AUTHORS = 25;

/** A canonical work in a list: the summary with only its first authors, so pages stay small. */
export const CanonicalWorkListItemSchema = Type.Intersect([
  Type.Omit(CanonicalWorkSummarySchema, ['authors']),
  Type.Object({
    /** First authors as listed. */
    authors: Type.Array(CanonicalAuthorSchema, { maxItems: LIST_ITEM_AUTHORS }),
    /** Length of the full author list. */
    authorCount: Type.Integer({ minimum: 0 }),
  }),
]);
export type CanonicalWorkListItem = Static<typeof CanonicalWorkListItemSchema>;

/** A source record attached to a canonical work and its role there. */
export const WorkSourceLinkSchema = Type.Object({
  /** Record version attached. */
  record: RawRecordRefSchema,
  /** Role inside the canonical work. */
  role: MergeRoleSchema,
  /** When it was attached. */
  attachedAt: TimestampSchema,
});
export type WorkSourceLink = Static<typeof WorkSourceLinkSchema>;

/** One authorship of a profile on a canonical work (`work_authorships` row). */
export const AuthorshipSchema = Type.Object({
  /** Canonical work id. */
  workId: UuidSchema,
  /** Profile id. */
  profileId: UuidSchema,
  /** Position in the author list. */
  position: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Corresponding-author flag. */
  isCorresponding: Type.Boolean(),
  /** Affiliation printed on the work. */
  affiliationAtTime: Type.Optional(Type.String({ maxLength: 2000 })),
  /** Act that confirmed it. */
  verificationActId: Type.Optional(UuidSchema),
});
export type Authorship = Static<typeof AuthorshipSchema>;
