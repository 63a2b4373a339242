import { ProfileIndex, matchRecord } from '@atlas/matching-core';

import type { LabelledPair, MatchModel, MatchThresholds } from '@atlas/matching-core';

import type { EvaluationSplit, Fold } from './build-split';
import type { ScoredPair } from './metrics';

/** Scored pairs of one fold, the labelled pairs for fitting, and the number of true pairs. */
export interface FoldScores {
  pairs: ScoredPair[];
  labelled: LabelledPair[];
  positives: number;
  positivesByProfile: Map<string, number>;
}

/** Runs the matcher over the records of one fold and labels every pair blocking produced. */
export function scoreFold(
  split: EvaluationSplit,
  fold: Fold,
  model: MatchModel,
  thresholds: MatchThresholds,
): FoldScores {
  const index = new ProfileIndex(split.profiles);
  const result: FoldScores = { pairs: [], labelled: [], positives: 0, positivesByProfile: new Map() };
  for (const profile of split.profiles) result.positivesByProfile.set(profile.profileId, 0);
  const everyPair = { ...thresholds, suggest: 0 };
  for (const { summary, fold: recordFold } of split.records) {
    if (recordFold !== fold) continue;
    for (const profile of split.profiles) {
      if (!split.truth.has(`${profile.profileId}|${summary.sourceId}`)) continue;
      result.positives += 1;
      result.positivesByProfile.set(
        profile.profileId,
        (result.positivesByProfile.get(profile.profileId) ?? 0) + 1,
      );
    }
    const match = matchRecord(summary, (author) => index.candidatesFor(author), model, everyPair);
    for (const pair of match.pairs) {
      result.labelled.push({
        levels: pair.levels,
        isMatch: split.truth.has(`${pair.profileId}|${summary.sourceId}`),
      });
    }
    for (const proposal of match.proposals) {
      const isMatch = split.truth.has(`${proposal.profileId}|${summary.sourceId}`);
      const eligible =
        proposal.autoConfirmEligible ||
        (proposal.conflict.length === 0 && isStrong(match, proposal.profileId));
      result.pairs.push({
        profileId: proposal.profileId,
        recordId: summary.sourceId,
        score: proposal.score,
        eligible,
        isMatch,
      });
    }
  }
  return result;
}

function isStrong(match: ReturnType<typeof matchRecord>, profileId: string): boolean {
  return match.pairs.some((pair) => pair.profileId === profileId && pair.strongEvidence);
}
