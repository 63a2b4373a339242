import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

import { NotificationCreatedV1 } from '@atlas/contracts';

import { consumedEvent } from '../handlers/event-handler';
import { countDelivered } from './delivery-metrics';
import { notificationChannel } from './notification-channel';

/**
 * Publishes each committed notification on its profile's Redis channel. It consumes the service's own
 * `notification created` events, which the outbox relay publishes only after the notification's
 * transaction commits, and one durable consumer shared by the replicas publishes each one once. A
 * redelivery after a failure may publish twice, so subscribers skip ids they already sent.
 */
export function redisFanoutHandler(redis: Redis, log: Logger) {
  return consumedEvent(NotificationCreatedV1, async (event) => {
    const receivers = await redis.publish(
      notificationChannel(event.data.profileId),
      JSON.stringify(event.data),
    );
    // Each receiver is a gateway process with open streams of this profile.
    if (receivers > 0) countDelivered('stream');
    log.debug({ notificationId: event.data.id, receivers }, 'Notification published to subscribers');
  });
}
