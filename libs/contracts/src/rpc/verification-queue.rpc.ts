import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineRpc } from '../rpc-definition';
import { ActorSchema } from '../common/actor';
import {
  CandidateSummarySchema,
  EvidenceSchema,
  NotesSchema,
  VerificationActSchema,
} from '../common/candidate.schema';
import { PageRequestSchema, PageSchema } from '../common/pagination';
import { InlineOrReferenceSchema } from '../common/payload-reference';
import { ProbabilitySchema, TimestampSchema, YearSchema } from '../common/primitives';
import { RawRecordSchema } from '../common/record.schema';
import { SourceSchema } from '../common/sources';
import { literalUnion } from '../common/literal-union';
import {
  CandidateStatusSchema,
  ConfidenceLevelSchema,
  DecidedViaSchema,
  DecisionTypeSchema,
  MergeRoleSchema,
} from '../common/verification-vocabulary';
import { WorkSchema } from '../work/work.schema';

/** Sort orders of the queue; each is a keyset order ending with the candidate id. */
export const QUEUE_SORTS = ['score', 'publicationDate', 'receivedAt'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** A profile's candidates, filtered and sorted, one keyset page at a time. */
export const GetQueueRpc = defineRpc({
  service: 'verification',
  operation: 'getQueue',
  request: Type.Intersect([
    PageRequestSchema,
    Type.Object({
      actor: ActorSchema,
      profileId: UuidSchema,
      /** Statuses to list; pending and uncertain when absent. */
      status: Type.Optional(
        Type.Array(CandidateStatusSchema, { minItems: 1, maxItems: 8, uniqueItems: true }),
      ),
      minScore: Type.Optional(ProbabilitySchema),
      source: Type.Optional(SourceSchema),
      year: Type.Optional(YearSchema),
      /** Whether snoozed candidates are listed too. */
      includeSnoozed: Type.Optional(Type.Boolean()),
      sort: Type.Optional(literalUnion(QUEUE_SORTS)),
      order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    }),
  ]),
  result: PageSchema(CandidateSummarySchema),
});

/** One candidate with the parsed work and every stored version of its source record. */
export const GetCandidateRpc = defineRpc({
  service: 'verification',
  operation: 'getCandidate',
  request: Type.Object({ actor: ActorSchema, candidateId: UuidSchema }),
  result: Type.Object({
    candidate: CandidateSummarySchema,
    /** Parsed work; by reference when its author list makes it too large for one reply. */
    work: InlineOrReferenceSchema(WorkSchema),
    /** Raw source records, newest first. */
    rawRecords: Type.Array(RawRecordSchema, { maxItems: 20 }),
  }),
});

/** Fields of one decision, shared by single and batch requests. */
const decisionFields = {
  decision: DecisionTypeSchema,
  confidence: Type.Optional(ConfidenceLevelSchema),
  notes: Type.Optional(NotesSchema),
  evidence: Type.Optional(EvidenceSchema),
  /** Work a `claim_duplicate` or `claim_version` merges into, and the role it takes there. */
  targetWorkId: Type.Optional(UuidSchema),
  mergeRole: Type.Optional(MergeRoleSchema),
  /** Account a `delegate` decision assigns the candidate to. */
  delegateTo: Type.Optional(UuidSchema),
  /** Error report of a `claim_error` decision. */
  errorReport: Type.Optional(Type.String({ maxLength: 4000 })),
};

/** Result of one decision. */
const DecisionOutcomeSchema = Type.Object({
  actId: UuidSchema,
  candidateId: UuidSchema,
  status: CandidateStatusSchema,
  /** Canonical work confirmed or merged into. */
  workId: Type.Optional(UuidSchema),
  /** Set when an earlier request with the same idempotency key already acted. */
  replayed: Type.Boolean(),
});

/** Records one decision on a candidate; a retry with the same idempotency key returns the first outcome. */
export const VerifyRpc = defineRpc({
  service: 'verification',
  operation: 'verify',
  request: Type.Object({
    actor: ActorSchema,
    candidateId: UuidSchema,
    idempotencyKey: Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' }),
    via: DecidedViaSchema,
    ...decisionFields,
  }),
  result: DecisionOutcomeSchema,
});

/** Applies one decision to many candidates, only to those in the expected status; per-item results. */
export const VerifyBatchRpc = defineRpc({
  service: 'verification',
  operation: 'verifyBatch',
  request: Type.Object({
    actor: ActorSchema,
    profileId: UuidSchema,
    idempotencyKey: Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' }),
    via: DecidedViaSchema,
    candidateIds: Type.Array(UuidSchema, { minItems: 1, maxItems: 200, uniqueItems: true }),
    /** Status each candidate must be in; others are skipped with a reason. */
    expectedStatus: CandidateStatusSchema,
    ...decisionFields,
  }),
  result: Type.Object({
    items: Type.Array(
      Type.Union([
        Type.Object({
          candidateId: UuidSchema,
          outcome: Type.Literal('applied'),
          result: DecisionOutcomeSchema,
        }),
        Type.Object({
          candidateId: UuidSchema,
          outcome: Type.Union([Type.Literal('skipped'), Type.Literal('failed')]),
          code: Type.String({ minLength: 1, maxLength: 64 }),
          message: Type.String({ maxLength: 1000 }),
        }),
      ]),
      { maxItems: 200 },
    ),
  }),
});

/** Hides a pending candidate from the default queue until a date. */
export const SnoozeRpc = defineRpc({
  service: 'verification',
  operation: 'snooze',
  request: Type.Object({
    actor: ActorSchema,
    candidateId: UuidSchema,
    until: TimestampSchema,
    notes: Type.Optional(NotesSchema),
  }),
  result: DecisionOutcomeSchema,
});

/** Puts a decided candidate back to pending; the earlier acts stay in its history. */
export const ReopenRpc = defineRpc({
  service: 'verification',
  operation: 'reopen',
  request: Type.Object({ actor: ActorSchema, candidateId: UuidSchema, notes: Type.Optional(NotesSchema) }),
  result: DecisionOutcomeSchema,
});

/** Every act of a candidate, oldest first. */
export const GetCandidateHistoryRpc = defineRpc({
  service: 'verification',
  operation: 'getCandidateHistory',
  request: Type.Intersect([PageRequestSchema, Type.Object({ actor: ActorSchema, candidateId: UuidSchema })]),
  result: PageSchema(VerificationActSchema),
});
