import type { MatchReason } from '@atlas/contracts';

/** Limits of automatic decisions, from configuration. */
export interface AutoDecisionPolicy {
  /** Lowest score the system ever confirms automatically, whatever a profile's threshold. */
  systemFloor: number;
  /** Scores at or below this are rejected automatically. */
  rejectCeiling: number;
}

/** Default limits: confirm only near-certain proposals, reject only near-impossible ones. */
export const DEFAULT_AUTO_DECISION_POLICY: AutoDecisionPolicy = { systemFloor: 0.95, rejectCeiling: 0.02 };

/** Eligibility and conflict flags the proposal carries. */
export interface ProposalFacts {
  score: number;
  autoConfirmEligible: boolean;
  reasons: readonly MatchReason[];
}

/**
 * Decides whether a new proposal is confirmed or rejected without review. Confirmation needs a
 * proposal matching marked eligible and a score at least both the system floor and the profile's
 * threshold; rejection follows a profile's exclude rule or a score at the reject ceiling.
 */
export function automaticDecision(
  proposal: ProposalFacts,
  profileThreshold: number,
  policy: AutoDecisionPolicy,
): 'confirm' | 'reject' | undefined {
  const excluded = proposal.reasons.some(
    (reason) => reason.signal === 'identifier_rule' && reason.contribution < 0,
  );
  if (excluded || proposal.score <= policy.rejectCeiling) return 'reject';

  const threshold = Math.max(policy.systemFloor, profileThreshold);
  if (proposal.autoConfirmEligible && proposal.score >= threshold) return 'confirm';
  return undefined;
}

/** The threshold a profile may set: never below the system floor. */
export function effectiveThreshold(requested: number, policy: AutoDecisionPolicy): number {
  return Math.max(requested, policy.systemFloor);
}
