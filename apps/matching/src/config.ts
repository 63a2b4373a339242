import Type from 'typebox';

import type { Static } from 'typebox';

import { databaseSettings, natsSettings, serviceSettings } from '@atlas/config';

function threshold(env: string, fallback: number, description: string) {
  return Type.Number({ env, default: fallback, minimum: 0, maximum: 1, description });
}

/** Environment of the matching service, parsed once at start. */
export const MatchingConfigSchema = Type.Object({
  ...serviceSettings('matching'),
  ...databaseSettings('matching'),
  ...natsSettings(),
  suggestThreshold: threshold(
    'ATLAS_MATCHING_SUGGEST_THRESHOLD',
    0.5,
    'the lowest calibrated score proposed to a person, e.g. 0.5',
  ),
  autoConfirmFloor: threshold(
    'ATLAS_MATCHING_AUTO_CONFIRM_FLOOR',
    0.98,
    'the system floor of automatic confirmation, e.g. 0.98',
  ),
  autoRejectThreshold: threshold(
    'ATLAS_MATCHING_AUTO_REJECT_THRESHOLD',
    0.05,
    'the score below which a pair is dropped without review or later re-scoring, e.g. 0.05',
  ),
});
export type MatchingConfig = Static<typeof MatchingConfigSchema>;
