import Type from 'typebox';

import type { Static } from 'typebox';

import { UuidSchema } from '../envelope';
import { WorkTypeSchema } from '../work/work-vocabulary';
import { DoiSchema } from './identifiers';
import { MatchReasonsSchema, MatchScoreSchema } from './match.schema';
import { PartialDateSchema, TimestampSchema, UrlSchema, YearSchema } from './primitives';
import { RawRecordRefSchema } from './record.schema';
import { SourceSchema } from './sources';
import {
  ActTypeSchema,
  CandidateStatusSchema,
  ConfidenceLevelSchema,
  DecidedViaSchema,
} from './verification-vocabulary';
import { ActorSchema } from './actor';

/** Maximum length of the note of a decision. */
export const MAX_NOTES_LENGTH = 4000;

/** Free-text note of a decision. */
export const NotesSchema = Type.String({ maxLength: MAX_NOTES_LENGTH });

/** One piece of evidence supporting a decision: a link, an identifier or a short quote. */
export const EvidenceItemSchema = Type.Object({
  /** Kind of evidence. */
  kind: Type.Union([Type.Literal('url'), Type.Literal('identifier'), Type.Literal('text')]),
  /** URL, identifier or text. */
  value: Type.String({ minLength: 1, maxLength: 2000 }),
  /** Short description of the evidence. */
  label: Type.Optional(Type.String({ maxLength: 256 })),
});
export type EvidenceItem = Static<typeof EvidenceItemSchema>;

/** Evidence list of a decision. */
export const EvidenceSchema = Type.Array(EvidenceItemSchema, { maxItems: 20 });

/** A queue entry: one (source record, author position, profile) with its score and record summary. */
export const CandidateSummarySchema = Type.Object({
  /** Candidate id. */
  id: UuidSchema,
  /** Profile id. */
  profileId: UuidSchema,
  /** Current record version. */
  record: RawRecordRefSchema,
  /** Author position on the record, from 1. */
  authorPosition: Type.Integer({ minimum: 1 }),
  /** Name at that position. */
  authorName: Type.String({ minLength: 1, maxLength: 512 }),
  /** Status. */
  status: CandidateStatusSchema,
  /** Calibrated score. */
  score: MatchScoreSchema,
  /** Reasons behind the score. */
  reasons: MatchReasonsSchema,
  /** Record title. */
  title: Type.String({ minLength: 1, maxLength: 4000 }),
  /** Record type. */
  type: WorkTypeSchema,
  /** Record DOI. */
  doi: Type.Optional(DoiSchema),
  /** Publication date. */
  publicationDate: Type.Optional(PartialDateSchema),
  /** Publication year. */
  publicationYear: Type.Optional(YearSchema),
  /** Venue name. */
  venueName: Type.Optional(Type.String({ maxLength: 1000 })),
  /** Landing page. */
  url: Type.Optional(UrlSchema),
  /** Other profiles proposed for the same position. */
  conflictingProfileIds: Type.Array(UuidSchema, { maxItems: 50 }),
  /** Flag set when the record changed materially after the decision. */
  flagged: Type.Boolean(),
  /** End of a snooze; the default queue hides the candidate until then. */
  snoozedUntil: Type.Optional(TimestampSchema),
  /** Co-author or curator account a delegated candidate is assigned to. */
  delegatedTo: Type.Optional(UuidSchema),
  /** When the candidate was first proposed. */
  receivedAt: TimestampSchema,
  /** Source of the record, repeated for filtering. */
  source: SourceSchema,
});
export type CandidateSummary = Static<typeof CandidateSummarySchema>;

/** One act of a candidate's audit trail (`verification_acts` row), notes and evidence included. */
export const VerificationActSchema = Type.Object({
  /** Act id. */
  id: UuidSchema,
  /** Candidate id. */
  candidateId: UuidSchema,
  /** Profile the act is for. */
  profileId: UuidSchema,
  /** Act type. */
  decision: ActTypeSchema,
  /** Status the candidate had before. */
  previousStatus: CandidateStatusSchema,
  /** Status after the act. */
  resultingStatus: CandidateStatusSchema,
  /** Confidence of the person deciding. */
  confidence: Type.Optional(ConfidenceLevelSchema),
  /** Note. */
  notes: Type.Optional(NotesSchema),
  /** Evidence. */
  evidence: EvidenceSchema,
  /** Actor who decided, with the profile acted for. */
  decidedBy: ActorSchema,
  /** Channel. */
  decidedVia: DecidedViaSchema,
  /** When. */
  decidedAt: TimestampSchema,
});
export type VerificationAct = Static<typeof VerificationActSchema>;
