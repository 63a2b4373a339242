import { eventBusPlugin, natsPlugin, postgresPlugin, redisPlugin } from '@atlas/service-runtime';

import type { Logger } from 'pino';

import type { ServiceApp } from '@atlas/service-runtime';

import { redisFanoutHandler } from './delivery/redis-fanout.handler';
import { NOTIFICATION_SCHEMA } from './domain/notifier';
import { consumedEvents } from './handlers/consumed-events';
import { notificationRpcHandlers } from './handlers/notification.rpc';
import { jobsPlugin } from './plugins/jobs.plugin';

import type { NotificationConfig } from './config';

/**
 * Registers the notification service on a server: consumers that turn other services' events into
 * notifications, the fan-out of new notifications to Redis pub/sub, the list/read operations, and the
 * aggregation, reminder and digest jobs.
 */
const notificationApp: ServiceApp<NotificationConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-notification',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-notification' });
  await app.register(redisPlugin, { url: config.redisUrl, connectionName: 'atlas-notification' });
  await app.register(eventBusPlugin, {
    service: 'notification',
    schema: NOTIFICATION_SCHEMA,
    streamReplicas: config.natsStreamReplicas,
  });

  const log = app.log.child({ component: 'notifications' }) as unknown as Logger;
  for (const { definition, handler } of consumedEvents(log)) app.eventBus.consume(definition, handler);
  const fanout = redisFanoutHandler(app.redis, log);
  app.eventBus.consume(fanout.definition, fanout.handler);
  app.eventBus.serve(notificationRpcHandlers(app.pg));

  await app.register(jobsPlugin, { config });
};

export default notificationApp;
