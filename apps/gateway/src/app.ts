import { natsPlugin, postgresPlugin, redisPlugin } from '@atlas/service-runtime';

import type { ServiceApp } from '@atlas/service-runtime';

import type { GatewayConfig } from './config';

/** The gateway service as a Fastify plugin: its connections now, its routes and consumers as they arrive. */
const gatewayApp: ServiceApp<GatewayConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-gateway',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-gateway' });
  await app.register(redisPlugin, { url: config.redisUrl, connectionName: 'atlas-gateway' });
};

export default gatewayApp;
