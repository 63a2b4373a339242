import type { Logger } from 'pino';

import { NotificationCreatedV1 } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';
import { appendEvent } from '@atlas/messaging';

import { insertNotification } from '../repositories/notification.repository';
import { findProfileContact } from '../repositories/profile-contact.repository';

import type { Notification } from '../repositories/notification-row';
import type { NotificationDraft } from './notification-draft';

/** The service's PostgreSQL schema, which contains its outbox. */
export const NOTIFICATION_SCHEMA = 'notification';

/** Trace facts of the event that caused a notification, carried into the notification created event. */
export interface CauseContext {
  log: Logger;
  traceparent?: string;
  correlationId?: string;
}

/**
 * Stores a notification and writes its `notification created` event to the outbox in the caller's
 * transaction. A profile the service has no profile event for, or an erased one, gets nothing: the
 * draft is dropped with a log line instead of failing, so the event is not retried for ever.
 */
export async function notify(
  tx: SqlExecutor,
  draft: NotificationDraft,
  cause: CauseContext,
): Promise<Notification | undefined> {
  const contact = await findProfileContact(tx, draft.profileId);
  if (!contact || contact.erased) {
    cause.log.warn(
      { profileId: draft.profileId, type: draft.type, reason: contact ? 'erased' : 'unknown' },
      'Notification dropped: the profile is unknown or erased',
    );
    return undefined;
  }

  const notification = await insertNotification(tx, draft);
  await appendEvent(tx, NOTIFICATION_SCHEMA, NotificationCreatedV1, {
    entityId: notification.id,
    entityVersion: 1,
    data: {
      id: notification.id,
      profileId: notification.profileId,
      type: notification.type,
      title: notification.title,
      ...(notification.body === undefined ? {} : { body: notification.body }),
      ...(notification.resource === undefined ? {} : { resource: notification.resource }),
      createdAt: notification.createdAt,
    },
    traceparent: cause.traceparent,
    correlationId: cause.correlationId,
  });
  return notification;
}

/** Stores each draft in turn (see {@link notify}); returns the notifications created. */
export async function notifyAll(
  tx: SqlExecutor,
  drafts: readonly NotificationDraft[],
  cause: CauseContext,
): Promise<Notification[]> {
  const created: Notification[] = [];
  for (const draft of drafts) {
    const notification = await notify(tx, draft, cause);
    if (notification) created.push(notification);
  }
  return created;
}
