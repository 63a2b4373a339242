import { DEFAULT_MODEL } from '@atlas/matching-core';

import type { MatchModel, MatchThresholds } from '@atlas/matching-core';

import { MatchingError } from './matching-error';

/** The model and thresholds every scoring of this process uses. */
export interface MatchingSettings {
  model: MatchModel;
  thresholds: MatchThresholds;
  /** Model and thresholds, carried in every proposal event. */
  matcherVersion: string;
}

/** Builds the settings from configured thresholds, and raises MATCHING_ERR_THRESHOLDS when they are out of order. */
export function buildMatchingSettings(
  thresholds: MatchThresholds,
  model: MatchModel = DEFAULT_MODEL,
): MatchingSettings {
  const { autoReject, suggest, autoConfirmFloor } = thresholds;
  if (!(autoReject <= suggest && suggest <= autoConfirmFloor)) {
    throw new MatchingError(
      'MATCHING_ERR_THRESHOLDS',
      `Thresholds must satisfy auto-reject <= suggest <= auto-confirm floor (got ${autoReject}, ${suggest}, ${autoConfirmFloor}).`,
    );
  }
  const matcherVersion = `${model.version}@${suggest}/${autoConfirmFloor}/${autoReject}`.slice(0, 64);
  return { model, thresholds, matcherVersion };
}
