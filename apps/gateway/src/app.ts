import { eventBusPlugin, natsPlugin, postgresPlugin, redisPlugin } from '@atlas/service-runtime';

import type { ServiceApp } from '@atlas/service-runtime';

import { notificationsPlugin } from './notifications/notifications.plugin';
import { registerAsyncApiRoute } from './routes/asyncapi.route';

import type { GatewayConfig } from './config';

/** Registers the gateway service on a server: its connections, the notification stream and the AsyncAPI document. */
const gatewayApp: ServiceApp<GatewayConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-gateway',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-gateway' });
  await app.register(redisPlugin, { url: config.redisUrl, connectionName: 'atlas-gateway' });
  await app.register(eventBusPlugin, { service: 'gateway' });
  await app.register(notificationsPlugin, { config });
  registerAsyncApiRoute(app);
};

export default gatewayApp;
