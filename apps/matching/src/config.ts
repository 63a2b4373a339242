import Type from 'typebox';

import type { Static } from 'typebox';

import { databaseSettings, natsSettings, serviceSettings } from '@atlas/config';

/** Environment of the matching service, parsed once at start. */
export const MatchingConfigSchema = Type.Object({
  ...serviceSettings('matching'),
  ...databaseSettings('matching'),
  ...natsSettings(),
});
export type MatchingConfig = Static<typeof MatchingConfigSchema>;
