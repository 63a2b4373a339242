import Type from 'typebox';

import type { Static } from 'typebox';

import { literalUnion } from './literal-union';
import { ProbabilitySchema } from './primitives';

/** Evidence kinds the matcher weighs. */
export const MATCH_SIGNALS = [
  'orcid',
  'orcid_mismatch',
  'identifier_rule',
  'source_author_id',
  'email',
  'name',
  'affiliation_ror',
  'affiliation_name',
  'coauthors',
  'topics',
  'time_consistency',
  'earlier_decisions',
] as const;
export type MatchSignal = (typeof MATCH_SIGNALS)[number];
export const MatchSignalSchema = literalUnion(MATCH_SIGNALS);

/** One reason behind a score: which signal, how much it moved the score, and what it saw. */
export const MatchReasonSchema = Type.Object({
  /** Signal. */
  signal: MatchSignalSchema,
  /** Contribution to the score in log-odds; negative values speak against the match. */
  contribution: Type.Number({ minimum: -100, maximum: 100 }),
  /** Human-readable account of the comparison (`ROR 05ppvf150 on both sides`). */
  detail: Type.String({ maxLength: 500 }),
});
export type MatchReason = Static<typeof MatchReasonSchema>;

/** Reasons of one proposal, bounded so a candidate row stays small. */
export const MatchReasonsSchema = Type.Array(MatchReasonSchema, { maxItems: 32 });

/** Calibrated probability that the author position is the profile's person. */
export const MatchScoreSchema = ProbabilitySchema;
