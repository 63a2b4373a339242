import fp from 'fastify-plugin';

import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

import { NotificationFeed } from './notification-feed';
import { registerNotificationStreamRoute } from './notification-stream.route';

import type { GatewayConfig } from '../config';

/** Adds the notification stream route and the Redis subscriber connection it shares. Needs Redis and the event bus. */
async function notifications(app: FastifyInstance, options: { config: GatewayConfig }): Promise<void> {
  const log = app.log.child({ component: 'notification-feed' }) as unknown as Logger;
  // A connection in subscriber mode can run no other command, so the feed gets a connection of its own,
  // named with the process id so that `CLIENT LIST` distinguishes the gateways' feeds.
  const feed = new NotificationFeed(
    app.redis.duplicate({ connectionName: `atlas-gateway-notifications-${process.pid}` }),
    log,
  );
  app.addHook('onClose', async () => feed.close());
  registerNotificationStreamRoute(app, feed, options.config);
}

/** Fastify plugin of the gateway's notification routes. */
export const notificationsPlugin = fp(notifications, {
  name: 'gateway-notifications',
  dependencies: ['atlas-redis', 'atlas-event-bus'],
});
