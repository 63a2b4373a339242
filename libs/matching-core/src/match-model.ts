import shippedModel from '../model/matching-model.json';

import type { MatchSignal } from '@atlas/contracts';

/**
 * A naive-Bayes log-odds model: a prior, one log likelihood ratio per signal level, and a Platt
 * calibration (`p = sigmoid(slope * logOdds + intercept)`) fitted on a separate fold.
 */
export interface MatchModel {
  /** Version carried in proposals as the matcher version. */
  version: string;
  /** Log-odds of a blocked pair being a match before any signal. */
  priorLogOdds: number;
  /** Log likelihood ratio of each level of each signal. */
  weights: Partial<Record<MatchSignal, Record<string, number>>>;
  /** Platt scaling of the summed log-odds. */
  calibration: { slope: number; intercept: number };
}

/** Thresholds on the calibrated probability. */
export interface MatchThresholds {
  /** Lowest score proposed to a person. */
  suggest: number;
  /** System floor of automatic confirmation. */
  autoConfirmFloor: number;
  /** Score below which a pair is dropped without review. */
  autoReject: number;
}

/** Thresholds used when configuration gives none. */
export const DEFAULT_THRESHOLDS: MatchThresholds = { suggest: 0.5, autoConfirmFloor: 0.98, autoReject: 0.05 };

/** The model shipped with the library, fitted by the evaluation tool on real data. */
export const DEFAULT_MODEL: MatchModel = shippedModel as MatchModel;

/** Logistic function. */
export function sigmoid(logOdds: number): number {
  return 1 / (1 + Math.exp(-logOdds));
}
