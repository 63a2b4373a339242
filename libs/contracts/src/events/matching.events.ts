import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineEvent } from '../event-definition';
import { MatchReasonsSchema, MatchScoreSchema } from '../common/match.schema';
import { RawRecordRefSchema } from '../common/record.schema';

/** One proposal: an author position of the record that may be a profile's person. */
export const ProposalSchema = Type.Object({
  /** Profile proposed. */
  profileId: UuidSchema,
  /** Author position on the record, from 1. */
  authorPosition: Type.Integer({ minimum: 1 }),
  /** Calibrated probability. */
  score: MatchScoreSchema,
  /** Reasons with their contributions. */
  reasons: MatchReasonsSchema,
  /** Strong enough evidence and no competing profile on the position. */
  autoConfirmEligible: Type.Boolean(),
  /** Other profiles proposed for the same position; empty when there is no conflict. */
  conflict: Type.Array(UuidSchema, { maxItems: 50 }),
});

/**
 * Every proposal for one record version, in one event, so verification replaces a record's
 * proposals at once. An empty list withdraws earlier pending proposals of that record.
 */
export const CandidatesProposedV1 = defineEvent({
  service: 'matching',
  entity: 'candidates',
  event: 'proposed',
  version: 1,
  public: false,
  schema: Type.Object({
    record: RawRecordRefSchema,
    /** Model and threshold version that scored the proposals. */
    matcherVersion: Type.String({ minLength: 1, maxLength: 64 }),
    /** Cause of the scoring. */
    trigger: Type.Union([
      Type.Literal('record'),
      Type.Literal('profile_changed'),
      Type.Literal('feedback'),
      Type.Literal('rematch'),
    ]),
    proposals: Type.Array(ProposalSchema, { maxItems: 10_000 }),
  }),
});

/** Events the matching service publishes. */
export const MATCHING_EVENTS = [CandidatesProposedV1] as const;
