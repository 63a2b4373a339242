import Type from 'typebox';

import type { Static } from 'typebox';

import { databaseSettings, natsSettings, serviceSettings } from '@atlas/config';

/** Environment of the verification service, parsed once at start. */
export const VerificationConfigSchema = Type.Object({
  ...serviceSettings('verification'),
  ...databaseSettings('verification'),
  ...natsSettings(),
  /** Lowest score ever confirmed automatically, whatever a profile's own threshold. */
  autoConfirmFloor: Type.Number({
    env: 'ATLAS_VERIFICATION_AUTO_CONFIRM_FLOOR',
    minimum: 0,
    maximum: 1,
    default: 0.95,
    description: 'the lowest score confirmed without review',
  }),
  /** Scores at or below this are rejected automatically. */
  autoRejectCeiling: Type.Number({
    env: 'ATLAS_VERIFICATION_AUTO_REJECT_CEILING',
    minimum: 0,
    maximum: 1,
    default: 0.02,
    description: 'the highest score rejected without review',
  }),
});
export type VerificationConfig = Static<typeof VerificationConfigSchema>;
