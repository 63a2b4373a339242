import { natsPlugin, postgresPlugin, redisPlugin } from '@atlas/service-runtime';

import type { ServiceApp } from '@atlas/service-runtime';

import type { NotificationConfig } from './config';

/** Registers the notification service on a server. Its PostgreSQL, NATS and Redis connections are the only parts built so far. */
const notificationApp: ServiceApp<NotificationConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-notification',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-notification' });
  await app.register(redisPlugin, { url: config.redisUrl, connectionName: 'atlas-notification' });
};

export default notificationApp;
