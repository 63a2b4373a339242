import Type from 'typebox';

import type { Static } from 'typebox';

import { databaseSettings, natsSettings, redisSettings, serviceSettings } from '@atlas/config';

/** Settings of the gateway's own routes. */
const gatewaySettings = {
  developmentIdentity: Type.Boolean({
    env: 'ATLAS_GATEWAY_DEV_IDENTITY',
    default: false,
    description:
      'development only: take the caller profile from the x-atlas-dev-profile-id header until sign-in exists; never enable in production',
  }),
  sseHeartbeatMs: Type.Integer({
    env: 'ATLAS_GATEWAY_SSE_HEARTBEAT_MS',
    default: 15_000,
    minimum: 100,
    description: 'milliseconds between two heartbeat comments on an idle server-sent-events stream',
  }),
};

/** Environment of the gateway service, parsed once at start. */
export const GatewayConfigSchema = Type.Object({
  ...serviceSettings('gateway'),
  ...databaseSettings('gateway'),
  ...natsSettings(),
  ...redisSettings(),
  ...gatewaySettings,
});
export type GatewayConfig = Static<typeof GatewayConfigSchema>;
