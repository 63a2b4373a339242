import Type from 'typebox';

import type { Static } from 'typebox';

import { databaseSettings, natsSettings, serviceSettings } from '@atlas/config';

/** Environment of the verification service, parsed once at start. */
export const VerificationConfigSchema = Type.Object({
  ...serviceSettings('verification'),
  ...databaseSettings('verification'),
  ...natsSettings(),
});
export type VerificationConfig = Static<typeof VerificationConfigSchema>;
