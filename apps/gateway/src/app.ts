import { natsPlugin, postgresPlugin, redisPlugin } from '@atlas/service-runtime';

import type { ServiceApp } from '@atlas/service-runtime';

import type { GatewayConfig } from './config';

/** Registers the gateway service on a server. Its PostgreSQL, NATS and Redis connections are the only parts built so far. */
const gatewayApp: ServiceApp<GatewayConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-gateway',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-gateway' });
  await app.register(redisPlugin, { url: config.redisUrl, connectionName: 'atlas-gateway' });
};

export default gatewayApp;
