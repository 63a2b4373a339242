import { sigmoid } from './match-model';

import type { MatchSignal } from '@atlas/contracts';

import type { MatchModel } from './match-model';

/** A scored pair with its true label, for fitting. */
export interface LabelledPair {
  levels: Partial<Record<MatchSignal, string>>;
  isMatch: boolean;
}

/**
 * Signals whose weights are learned from labelled pairs. The others are user assertions, or, for a
 * different valid ORCID on the position, a rule: the real sample holds too few such pairs to learn it.
 */
const LEARNED_SIGNALS: readonly MatchSignal[] = [
  'orcid',
  'name',
  'affiliation_ror',
  'affiliation_name',
  'coauthors',
  'topics',
  'time_consistency',
];

/**
 * Level of a signal that one side lacks. It stays neutral because a profile without co-authors or an
 * ORCID tells about the profile, not about the pair. Learning it would penalise every pair of a
 * sparse profile.
 */
const UNKNOWN_LEVEL = 'unknown';

/** Minimum labelled pairs at one level, on both sides, before its weight replaces the prior one. */
const MIN_SUPPORT = 5;

function levelCounts(
  pairs: LabelledPair[],
  signal: MatchSignal,
): Map<string, { match: number; other: number }> {
  const counts = new Map<string, { match: number; other: number }>();
  for (const pair of pairs) {
    const level = pair.levels[signal];
    if (level === undefined) continue;
    const entry = counts.get(level) ?? { match: 0, other: 0 };
    if (pair.isMatch) entry.match += 1;
    else entry.other += 1;
    counts.set(level, entry);
  }
  return counts;
}

/** Log-odds of one pair under a model, before calibration. */
export function rawLogOdds(model: MatchModel, levels: LabelledPair['levels']): number {
  let sum = model.priorLogOdds;
  for (const [signal, level] of Object.entries(levels))
    sum += model.weights[signal as MatchSignal]?.[level] ?? 0;
  return sum;
}

/** Platt scaling by gradient descent on the log-loss. */
function fitPlatt(scores: number[], labels: boolean[]): { slope: number; intercept: number } {
  let slope = 1;
  let intercept = 0;
  for (let step = 0; step < 3000; step += 1) {
    let gradSlope = 0;
    let gradIntercept = 0;
    scores.forEach((score, i) => {
      const error = sigmoid(slope * score + intercept) - (labels[i] ? 1 : 0);
      gradSlope += error * score;
      gradIntercept += error;
    });
    slope -= (0.5 * gradSlope) / scores.length;
    intercept -= (0.5 * gradIntercept) / scores.length;
  }
  return { slope, intercept };
}

/**
 * Fits per-level log likelihood ratios (Laplace-smoothed counts) on a training fold, keeping the prior
 * model's weight where a level has too little support, then a Platt calibration on a separate fold.
 */
export function fitModel(
  prior: MatchModel,
  training: LabelledPair[],
  calibration: LabelledPair[],
  version: string,
): MatchModel {
  const matches = training.filter((pair) => pair.isMatch).length;
  const weights: MatchModel['weights'] = structuredClone(prior.weights);
  for (const signal of LEARNED_SIGNALS) {
    const table = { ...(weights[signal] ?? {}) };
    for (const [level, count] of levelCounts(training, signal)) {
      if (level === UNKNOWN_LEVEL) {
        table[level] = 0;
        continue;
      }
      if (count.match + count.other < MIN_SUPPORT) continue;
      const likelihoodMatch = (count.match + 0.5) / (matches + 1);
      const likelihoodOther = (count.other + 0.5) / (training.length - matches + 1);
      table[level] = Math.round(Math.log(likelihoodMatch / likelihoodOther) * 1000) / 1000;
    }
    weights[signal] = table;
  }
  const priorLogOdds = Math.log((matches + 0.5) / (training.length - matches + 0.5));
  const fitted: MatchModel = { version, priorLogOdds, weights, calibration: { slope: 1, intercept: 0 } };
  const scores = calibration.map((pair) => rawLogOdds(fitted, pair.levels));
  fitted.calibration = fitPlatt(
    scores,
    calibration.map((pair) => pair.isMatch),
  );
  return fitted;
}
