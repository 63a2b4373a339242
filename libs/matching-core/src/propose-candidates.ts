import { scorePair } from './score-pair';

import type { AuthorSummary, PreparedProfile, RecordSummary } from './match-inputs';
import type { MatchModel, MatchThresholds } from './match-model';
import type { PairScore } from './score-pair';

/** A proposal of one record position for one profile, in the shape of the proposed-candidates event. */
export interface Proposal {
  profileId: string;
  authorPosition: number;
  score: number;
  reasons: PairScore['reasons'];
  autoConfirmEligible: boolean;
  conflict: string[];
}

/** Outcome of matching one record: its proposals, and every pair scored (for bookkeeping). */
export interface RecordMatch {
  proposals: Proposal[];
  pairs: PairScore[];
}

/** Finds the profiles worth scoring for one author position (blocking and identifier look-ups). */
export type CandidateProfiles = (author: AuthorSummary) => PreparedProfile[];

/** Keeps each profile's best position: one person is never two authors of one record. */
function bestPositionPerProfile(pairs: PairScore[]): PairScore[] {
  const best = new Map<string, PairScore>();
  for (const pair of pairs) {
    const known = best.get(pair.profileId);
    if (!known || pair.score > known.score) best.set(pair.profileId, pair);
  }
  return [...best.values()];
}

function toProposal(pair: PairScore, kept: PairScore[], thresholds: MatchThresholds): Proposal {
  const competitors = kept.filter(
    (other) => other.authorPosition === pair.authorPosition && other.profileId !== pair.profileId,
  );
  const conflict = competitors.map((other) => other.profileId).slice(0, 50);
  const eligible = pair.strongEvidence && pair.score >= thresholds.autoConfirmFloor && conflict.length === 0;
  return {
    profileId: pair.profileId,
    authorPosition: pair.authorPosition,
    score: pair.score,
    reasons: pair.reasons,
    autoConfirmEligible: eligible,
    conflict,
  };
}

/**
 * Matches every author position of a record against the profiles blocking finds, and returns the
 * proposals at or above the suggest threshold. Profiles proposed for the same position list each other
 * in `conflict` and are never eligible for automatic confirmation.
 */
export function matchRecord(
  record: RecordSummary,
  candidatesFor: CandidateProfiles,
  model: MatchModel,
  thresholds: MatchThresholds,
): RecordMatch {
  const pairs = record.authors.flatMap((author) =>
    candidatesFor(author).map((profile) => scorePair(record, author, profile, model, thresholds)),
  );
  const kept = bestPositionPerProfile(pairs).filter((pair) => pair.score >= thresholds.suggest);
  const proposals = kept.map((pair) => toProposal(pair, kept, thresholds));
  proposals.sort((left, right) => left.authorPosition - right.authorPosition || right.score - left.score);
  return { proposals, pairs };
}
