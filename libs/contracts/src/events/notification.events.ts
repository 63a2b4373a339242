import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineEvent } from '../event-definition';
import { NotificationTypeSchema, ResourceTypeSchema } from '../common/notification-vocabulary';
import { TimestampSchema } from '../common/primitives';

/** Maximum length of a notification title. */
export const MAX_NOTIFICATION_TITLE_LENGTH = 200;
/** Maximum length of a notification body. */
export const MAX_NOTIFICATION_BODY_LENGTH = 2000;

/** A notification shown to one profile, as stored and as sent to the browser. */
export const NotificationSchema = Type.Object({
  /** Notification id (UUIDv7), also the SSE event id. */
  id: UuidSchema,
  /** Profile notified. */
  profileId: UuidSchema,
  /** Kind. */
  type: NotificationTypeSchema,
  /** One-line title. */
  title: Type.String({ minLength: 1, maxLength: MAX_NOTIFICATION_TITLE_LENGTH }),
  /** Body text. */
  body: Type.Optional(Type.String({ maxLength: MAX_NOTIFICATION_BODY_LENGTH })),
  /** Object the notification links to. */
  resource: Type.Optional(Type.Object({ type: ResourceTypeSchema, id: UuidSchema })),
  /** Read flag. */
  read: Type.Boolean(),
  /** When it was read. */
  readAt: Type.Optional(TimestampSchema),
  /** Creation time. */
  createdAt: TimestampSchema,
});

/** A notification was created; internal because titles and bodies are personal. */
export const NotificationCreatedV1 = defineEvent({
  service: 'notification',
  entity: 'notification',
  event: 'created',
  version: 1,
  public: false,
  schema: Type.Object({
    id: UuidSchema,
    profileId: UuidSchema,
    type: NotificationTypeSchema,
    title: NotificationSchema.properties.title,
    body: NotificationSchema.properties.body,
    resource: NotificationSchema.properties.resource,
    createdAt: TimestampSchema,
  }),
});

/** Events the notification service publishes. */
export const NOTIFICATION_EVENTS = [NotificationCreatedV1] as const;
