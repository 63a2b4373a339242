/** A proportion with its 95 % Wilson score interval. */
export interface Proportion {
  value: number;
  low: number;
  high: number;
  successes: number;
  trials: number;
}

/** Wilson score interval at 95 % for `successes` out of `trials`. */
export function wilson(successes: number, trials: number): Proportion {
  if (trials === 0) return { value: NaN, low: NaN, high: NaN, successes, trials };
  const z = 1.96;
  const p = successes / trials;
  const denominator = 1 + (z * z) / trials;
  const centre = (p + (z * z) / (2 * trials)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / denominator;
  return {
    value: p,
    low: Math.max(0, centre - margin),
    high: Math.min(1, centre + margin),
    successes,
    trials,
  };
}

/** A scored (profile, record) pair with its truth. */
export interface ScoredPair {
  profileId: string;
  recordId: string;
  score: number;
  eligible: boolean;
  isMatch: boolean;
}

/** Precision and recall of the pairs a rule accepts; `positives` counts every true pair, scored or not. */
export function precisionRecall(
  pairs: ScoredPair[],
  accept: (pair: ScoredPair) => boolean,
  positives: number,
) {
  const accepted = pairs.filter(accept);
  const correct = accepted.filter((pair) => pair.isMatch).length;
  return { precision: wilson(correct, accepted.length), recall: wilson(correct, positives) };
}

/** Mean over profiles of the average precision of the profile's queue ordered by score. */
export function queueMeanAveragePrecision(
  pairs: ScoredPair[],
  positivesByProfile: Map<string, number>,
): number {
  const byProfile = new Map<string, ScoredPair[]>();
  for (const pair of pairs) byProfile.set(pair.profileId, [...(byProfile.get(pair.profileId) ?? []), pair]);
  const averages: number[] = [];
  for (const [profileId, positives] of positivesByProfile) {
    if (positives === 0) continue;
    const queue = [...(byProfile.get(profileId) ?? [])].sort((a, b) => b.score - a.score);
    let hits = 0;
    let sum = 0;
    queue.forEach((pair, index) => {
      if (!pair.isMatch) return;
      hits += 1;
      sum += hits / (index + 1);
    });
    averages.push(sum / positives);
  }
  return averages.reduce((total, value) => total + value, 0) / Math.max(1, averages.length);
}

/** Lowest threshold whose accepted pairs reach a precision, scanning the observed scores. */
export function thresholdForPrecision(pairs: ScoredPair[], target: number, eligibleOnly: boolean): number {
  const candidates = [...new Set(pairs.map((pair) => pair.score))].sort((a, b) => a - b);
  for (const threshold of candidates) {
    const accepted = pairs.filter((pair) => pair.score >= threshold && (!eligibleOnly || pair.eligible));
    if (accepted.length === 0) break;
    const precision = accepted.filter((pair) => pair.isMatch).length / accepted.length;
    if (precision >= target) return threshold;
  }
  return 1;
}
