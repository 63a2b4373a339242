import { randomBytes } from 'node:crypto';

import {
  ErrorBodySchema,
  eventBusPlugin,
  natsPlugin,
  postgresPlugin,
  redisPlugin,
} from '@atlas/service-runtime';

import type { ServiceApp } from '@atlas/service-runtime';

import { notificationsPlugin } from './notifications/notifications.plugin';
import { registerAsyncApiRoute } from './routes/asyncapi.route';

import type { GatewayConfig } from './config';
import './fastify-augment';
import { authenticationPlugin } from './plugins/authentication.plugin';
import { httpSecurityPlugin } from './plugins/http-security.plugin';
import { OidcSignIn } from './plugins/oidc-sign-in';
import { openApiPlugin } from './plugins/openapi.plugin';
import { rateLimitPlugin } from './plugins/rate-limit.plugin';
import { installServiceErrorHandler } from './plugins/service-error-handler';
import { AccessRepository } from './repositories/access.repository';
import { AccountRepository } from './repositories/account.repository';
import { ApiTokenRepository } from './repositories/api-token.repository';
import { SessionRepository } from './repositories/session.repository';
import { closedObject } from './schemas/closed-object';
import { adminAccessRoutes } from './routes/admin-access.routes';
import { adminImportRoutes } from './routes/admin-imports.routes';
import { adminProfileRoutes } from './routes/admin-profiles.routes';
import { authRoutes } from './routes/auth.routes';
import { candidateRoutes } from './routes/candidates.routes';
import { notificationRoutes } from './routes/notifications.routes';
import { profileRoutes } from './routes/profile.routes';
import { publicRoutes } from './routes/public.routes';
import { reportRoutes } from './routes/reports.routes';
import { workRoutes } from './routes/works.routes';

/** Route files, one per area of the API. */
const ROUTE_PLUGINS = [
  authRoutes,
  profileRoutes,
  candidateRoutes,
  workRoutes,
  reportRoutes,
  notificationRoutes,
  publicRoutes,
  adminImportRoutes,
  adminProfileRoutes,
  adminAccessRoutes,
];

/**
 * Registers the gateway: the public REST API in front of the services. It owns accounts, roles,
 * memberships and API tokens (PostgreSQL schema `access`), keeps sessions and rate-limit counters
 * in Redis, and calls the services over NATS request/reply.
 */
const gatewayApp: ServiceApp<GatewayConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-gateway',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-gateway' });
  await app.register(redisPlugin, {
    url: config.redisUrl,
    connectionName: 'atlas-gateway',
    commandTimeoutMs: config.redisCommandTimeoutMs,
  });
  await app.register(eventBusPlugin, { service: 'gateway', streamReplicas: config.natsStreamReplicas });

  if (!config.sessionSecret)
    app.log.warn('ATLAS_GATEWAY_SESSION_SECRET is unset; sessions end when this process stops');
  const cookieSecret = config.sessionSecret ?? randomBytes(32).toString('base64url');
  const lifetimes = { idleSeconds: config.sessionIdleSeconds, maxAgeSeconds: config.sessionMaxAgeSeconds };
  app.decorate('rpcTimeoutMs', config.rpcTimeoutMs);
  app.decorate('gateway', {
    config,
    accounts: new AccountRepository(app.pg),
    tokens: new ApiTokenRepository(app.pg),
    access: new AccessRepository(app.pg),
    sessions: new SessionRepository(app.redis, config.redisKeyPrefix, lifetimes),
    oidc: new OidcSignIn({
      issuer: config.oidcIssuer,
      clientId: config.oidcClientId,
      clientSecret: config.oidcClientSecret,
      redirectUrl: config.oidcRedirectUrl,
    }),
  });
  // Every body the API accepts is JSON (uploads register their own types), so a text/plain body gets
  // a 415 naming the expected type instead of reaching validation as a string.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRoute', (route) => {
    route.bodyLimit ??= config.bodyLimitBytes;
    if (route.schema?.body) {
      route.schema.body = closedObject(route.schema.body);
      // A body in another type than JSON gets 415, so every route that takes a body declares it.
      const response = route.schema.response as Record<string, unknown> | undefined;
      if (response && !('415' in response)) route.schema.response = { ...response, 415: ErrorBodySchema };
    }
  });
  installServiceErrorHandler(app);

  await app.register(httpSecurityPlugin, { corsOrigins: config.corsOrigins, cookieSecret });
  await app.register(openApiPlugin);
  await app.register(authenticationPlugin);
  await app.register(rateLimitPlugin);
  for (const routes of ROUTE_PLUGINS) await app.register(routes);
  await app.register(notificationsPlugin, { config });
  registerAsyncApiRoute(app);
};

export default gatewayApp;
