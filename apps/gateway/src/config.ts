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

/** Sign-in with ORCID through OpenID Connect. Sign-in routes return 503 until the client is configured. */
const oidcSettings = {
  oidcIssuer: Type.String({
    env: 'ATLAS_OIDC_ISSUER',
    default: 'https://orcid.org',
    protocols: ['http:', 'https:'],
    description: 'the OpenID Connect issuer URL, e.g. https://orcid.org',
  }),
  oidcClientId: Type.Optional(
    Type.String({ env: 'ATLAS_OIDC_CLIENT_ID', minLength: 1, description: 'the OAuth client id' }),
  ),
  oidcClientSecret: Type.Optional(
    Type.String({
      env: 'ATLAS_OIDC_CLIENT_SECRET',
      minLength: 1,
      secret: true,
      description: 'the OAuth client secret',
    }),
  ),
  oidcRedirectUrl: Type.Optional(
    Type.String({
      env: 'ATLAS_OIDC_REDIRECT_URL',
      protocols: ['http:', 'https:'],
      description: 'the public URL of /auth/orcid/callback registered with the provider',
    }),
  ),
  signedInRedirect: Type.String({
    env: 'ATLAS_GATEWAY_SIGNED_IN_REDIRECT',
    default: '/',
    minLength: 1,
    description: 'the page a browser is sent to after signing in or out',
  }),
};

/** Session cookies and their lifetime. */
const sessionSettings = {
  sessionSecret: Type.Optional(
    Type.String({
      env: 'ATLAS_GATEWAY_SESSION_SECRET',
      minLength: 32,
      secret: true,
      description: 'the key signing session cookies, at least 32 characters; random per process when unset',
    }),
  ),
  sessionIdleSeconds: Type.Integer({
    env: 'ATLAS_GATEWAY_SESSION_IDLE_SECONDS',
    default: 8 * 3600,
    minimum: 1,
    description: 'seconds a session lives without requests; each request renews it',
  }),
  sessionMaxAgeSeconds: Type.Integer({
    env: 'ATLAS_GATEWAY_SESSION_MAX_AGE_SECONDS',
    default: 7 * 24 * 3600,
    minimum: 1,
    description: 'seconds after sign-in when a session ends even if it is in use',
  }),
  cookieSecure: Type.Boolean({
    env: 'ATLAS_GATEWAY_COOKIE_SECURE',
    default: true,
    description: 'whether cookies carry the Secure flag; turn off only for plain-HTTP development',
  }),
};

/** Browser origins, limits and request/reply time-outs. */
const trafficSettings = {
  corsOrigins: Type.Array(Type.String({ pattern: '^https?://[^/]+$' }), {
    env: 'ATLAS_GATEWAY_CORS_ORIGINS',
    default: [],
    description: 'comma-separated frontend origins allowed to call the API with credentials',
  }),
  bodyLimitBytes: Type.Integer({
    env: 'ATLAS_GATEWAY_BODY_LIMIT_BYTES',
    default: 1024 * 1024,
    minimum: 1024,
    description: 'the largest JSON request body, in bytes',
  }),
  uploadLimitBytes: Type.Integer({
    env: 'ATLAS_GATEWAY_UPLOAD_LIMIT_BYTES',
    default: 1024 * 1024 * 1024,
    minimum: 1024,
    description: 'the largest import upload, in bytes',
  }),
  rpcTimeoutMs: Type.Integer({
    env: 'ATLAS_GATEWAY_RPC_TIMEOUT_MS',
    default: 5_000,
    minimum: 50,
    description: 'milliseconds to wait for a service reply before responding 504',
  }),
  redisCommandTimeoutMs: Type.Integer({
    env: 'ATLAS_GATEWAY_REDIS_TIMEOUT_MS',
    default: 1_000,
    minimum: 50,
    description: 'milliseconds a Redis command may take before session routes respond 503',
  }),
  rateLimitWindowSeconds: Type.Integer({
    env: 'ATLAS_GATEWAY_RATE_LIMIT_WINDOW_SECONDS',
    default: 60,
    minimum: 1,
    description: 'length of a rate-limit window, in seconds',
  }),
  userRateLimit: Type.Integer({
    env: 'ATLAS_GATEWAY_USER_RATE_LIMIT',
    default: 600,
    minimum: 1,
    description: 'requests a signed-in user may make per window',
  }),
  tokenRateLimit: Type.Integer({
    env: 'ATLAS_GATEWAY_TOKEN_RATE_LIMIT',
    default: 1_200,
    minimum: 1,
    description: 'requests an API token may make per window',
  }),
  anonymousRateLimit: Type.Integer({
    env: 'ATLAS_GATEWAY_ANONYMOUS_RATE_LIMIT',
    default: 300,
    minimum: 1,
    description: 'requests one client address may make per window without signing in',
  }),
  redisKeyPrefix: Type.String({
    env: 'ATLAS_GATEWAY_REDIS_PREFIX',
    default: 'atlas:gateway:',
    minLength: 1,
    description: 'prefix of every Redis key the gateway writes',
  }),
};

/** Environment of the gateway service, parsed once at start. */
export const GatewayConfigSchema = Type.Object({
  ...serviceSettings('gateway'),
  ...databaseSettings('gateway'),
  ...natsSettings(),
  ...redisSettings(),
  ...gatewaySettings,
  ...oidcSettings,
  ...sessionSettings,
  ...trafficSettings,
});
export type GatewayConfig = Static<typeof GatewayConfigSchema>;
