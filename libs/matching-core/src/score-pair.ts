import { observePair } from './signal-levels';
import { sigmoid } from './match-model';

import type { MatchReason, MatchSignal } from '@atlas/contracts';
import type { NameMatchLevel } from '@atlas/name-matching';

import type { AuthorSummary, PreparedProfile, RecordSummary } from './match-inputs';
import type { MatchModel, MatchThresholds } from './match-model';
import type { SignalObservation } from './signal-levels';

/** Score of one (record position, profile) pair with its reasons. */
export interface PairScore {
  profileId: string;
  authorPosition: number;
  /** Calibrated probability. */
  score: number;
  reasons: MatchReason[];
  /** Strong evidence: an identifier, or a full name with at least two corroborating signals. */
  strongEvidence: boolean;
  /** Levels observed, by signal, for evaluation and fitting. */
  levels: Partial<Record<MatchSignal, string>>;
}

const IDENTIFIER_LEVELS = new Set([
  'orcid:equal',
  'identifier_rule:include',
  'email:equal',
  'source_author_id:equal',
]);
const CORROBORATING: ReadonlySet<MatchSignal> = new Set([
  'affiliation_ror',
  'affiliation_name',
  'coauthors',
  'topics',
  'earlier_decisions',
]);
const WEAK_NAMES: ReadonlySet<NameMatchLevel> = new Set([
  'initials',
  'surname_only',
  'conflicting',
  'unrelated',
]);

function contribution(model: MatchModel, observation: SignalObservation, identified: boolean): number {
  const weight = model.weights[observation.signal]?.[observation.level] ?? 0;
  // A matching identifier is never vetoed by a different form of the same name.
  if (identified && observation.signal === 'name' && observation.level !== 'unrelated')
    return Math.max(0, weight);
  return weight;
}

/** Scores one author position of a record against one profile. */
export function scorePair(
  record: RecordSummary,
  author: AuthorSummary,
  profile: PreparedProfile,
  model: MatchModel,
  thresholds: MatchThresholds,
): PairScore {
  const { observations, name } = observePair(record, author, profile);
  const identified = observations.some((o) => IDENTIFIER_LEVELS.has(`${o.signal}:${o.level}`));
  const reasons = observations
    .map((o) => ({
      signal: o.signal,
      contribution: round(contribution(model, o, identified)),
      detail: o.detail,
    }))
    .filter((reason) => reason.contribution !== 0 || reason.signal === 'name');
  const logOdds = model.priorLogOdds + reasons.reduce((sum, reason) => sum + reason.contribution, 0);
  let score = sigmoid(model.calibration.slope * logOdds + model.calibration.intercept);

  const corroborating = reasons.filter((r) => CORROBORATING.has(r.signal) && r.contribution > 0).length;
  const excluded = observations.some((o) => o.signal === 'identifier_rule' && o.level === 'exclude');
  // A surname with initials never reaches automatic confirmation without an identifier.
  if (!identified && WEAK_NAMES.has(name.level)) score = Math.min(score, thresholds.autoConfirmFloor - 0.001);
  const strongEvidence =
    !excluded && (identified || (['exact', 'compatible'].includes(name.level) && corroborating >= 2));
  const levels = Object.fromEntries(observations.map((o) => [o.signal, o.level]));
  return {
    profileId: profile.summary.profileId,
    authorPosition: author.position,
    score: round(score, 6),
    reasons,
    strongEvidence,
    levels,
  };
}

function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
