import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineRpc } from '../rpc-definition';
import { ActorSchema } from '../common/actor';
import { CountSchema } from '../common/primitives';
import { PageRequestSchema, PageSchema } from '../common/pagination';
import { NotificationSchema } from '../events/notification.events';

/** A profile's notifications, newest first. */
export const ListNotificationsRpc = defineRpc({
  service: 'notification',
  operation: 'listNotifications',
  request: Type.Intersect([
    PageRequestSchema,
    Type.Object({ actor: ActorSchema, profileId: UuidSchema, unreadOnly: Type.Optional(Type.Boolean()) }),
  ]),
  result: Type.Intersect([PageSchema(NotificationSchema), Type.Object({ unread: CountSchema })]),
});

/** Marks one notification read. */
export const MarkNotificationReadRpc = defineRpc({
  service: 'notification',
  operation: 'markRead',
  request: Type.Object({ actor: ActorSchema, profileId: UuidSchema, notificationId: UuidSchema }),
  result: NotificationSchema,
});

/** Marks every notification of a profile read. */
export const MarkAllNotificationsReadRpc = defineRpc({
  service: 'notification',
  operation: 'markAllRead',
  request: Type.Object({ actor: ActorSchema, profileId: UuidSchema }),
  result: Type.Object({ marked: CountSchema }),
});

/**
 * Notifications created after one (by UUIDv7 order), oldest first, for replaying a server-sent-events
 * stream from its `Last-Event-ID`. `complete` is false when more remain after this batch.
 */
export const ListNotificationsSinceRpc = defineRpc({
  service: 'notification',
  operation: 'listSince',
  request: Type.Object({
    actor: ActorSchema,
    profileId: UuidSchema,
    lastEventId: UuidSchema,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  }),
  result: Type.Object({ items: Type.Array(NotificationSchema, { maxItems: 200 }), complete: Type.Boolean() }),
});

/** Request/reply operations of the notification service. */
export const NOTIFICATION_RPCS = [
  ListNotificationsRpc,
  MarkNotificationReadRpc,
  MarkAllNotificationsReadRpc,
  ListNotificationsSinceRpc,
] as const;
