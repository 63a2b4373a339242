import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineEvent } from '../event-definition';
import { ActorSchema } from '../common/actor';
import { EvidenceSchema, NotesSchema } from '../common/candidate.schema';
import { MatchScoreSchema } from '../common/match.schema';
import { TimestampSchema } from '../common/primitives';
import { RawRecordRefSchema } from '../common/record.schema';
import {
  ActTypeSchema,
  CandidateStatusSchema,
  ConfidenceLevelSchema,
  DecidedViaSchema,
} from '../common/verification-vocabulary';

/** Fields every decision event carries, public or not. */
const decisionFields = {
  actId: UuidSchema,
  candidateId: UuidSchema,
  profileId: UuidSchema,
  record: RawRecordRefSchema,
  authorPosition: Type.Integer({ minimum: 1 }),
  decision: ActTypeSchema,
  previousStatus: CandidateStatusSchema,
  resultingStatus: CandidateStatusSchema,
  confidence: Type.Optional(ConfidenceLevelSchema),
  /** Score of the candidate when decided. */
  score: MatchScoreSchema,
  decidedVia: DecidedViaSchema,
  decidedAt: TimestampSchema,
  /** Canonical work the decision confirmed or merged into. */
  workId: Type.Optional(UuidSchema),
};

/** A decision or other act on a candidate, with notes and evidence. Internal. */
export const DecisionRecordedV1 = defineEvent({
  service: 'verification',
  entity: 'decision',
  event: 'recorded',
  version: 1,
  public: false,
  schema: Type.Object({
    ...decisionFields,
    /** Actor who decided, with the profile acted for. */
    decidedBy: ActorSchema,
    /** Account a delegated candidate is assigned to. */
    delegatedTo: Type.Optional(UuidSchema),
    notes: Type.Optional(NotesSchema),
    evidence: EvidenceSchema,
  }),
});

/** Public view of a decision: no notes, no evidence, and only the role of who decided. */
export const PublicDecisionRecordedV1 = defineEvent({
  service: 'verification',
  entity: 'public_decision',
  event: 'recorded',
  version: 1,
  public: true,
  schema: Type.Object({
    ...decisionFields,
    decidedByRole: ActorSchema.properties.role,
  }),
});

/** The record of a decided candidate changed materially; the decision is kept and a person should review it. */
export const CandidateFlaggedV1 = defineEvent({
  service: 'verification',
  entity: 'candidate',
  event: 'flagged',
  version: 1,
  public: false,
  schema: Type.Object({
    candidateId: UuidSchema,
    profileId: UuidSchema,
    status: CandidateStatusSchema,
    /** New record version. */
    record: RawRecordRefSchema,
    previousRawRecordId: UuidSchema,
    reasons: Type.Array(
      Type.Union([
        Type.Literal('title'),
        Type.Literal('authors'),
        Type.Literal('identifiers'),
        Type.Literal('retraction'),
        Type.Literal('withdrawal'),
        Type.Literal('removed'),
      ]),
      { minItems: 1, maxItems: 6, uniqueItems: true },
    ),
    workId: Type.Optional(UuidSchema),
  }),
});
