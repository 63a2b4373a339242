import Type from 'typebox';

import type { Static } from 'typebox';

import { databaseSettings, natsSettings, redisSettings, serviceSettings } from '@atlas/config';

/** Environment of the gateway service, parsed once at start. */
export const GatewayConfigSchema = Type.Object({
  ...serviceSettings('gateway'),
  ...databaseSettings('gateway'),
  ...natsSettings(),
  ...redisSettings(),
});
export type GatewayConfig = Static<typeof GatewayConfigSchema>;
