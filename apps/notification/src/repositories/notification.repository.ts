import type { SqlExecutor } from '@atlas/database';

import { newId } from '@atlas/database';

import { NOTIFICATION_COLUMNS, toNotification } from './notification-row';

import type { NotificationDraft } from '../domain/notification-draft';
import type { Notification, NotificationRow } from './notification-row';

/** Inserts one notification with a fresh UUIDv7 id and returns it. */
export async function insertNotification(tx: SqlExecutor, draft: NotificationDraft): Promise<Notification> {
  const { rows } = await tx.query<NotificationRow>(
    `INSERT INTO notifications (id, profile_id, type, title, body, resource_type, resource_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${NOTIFICATION_COLUMNS}`,
    [
      newId(),
      draft.profileId,
      draft.type,
      draft.title,
      draft.body ?? null,
      draft.resource?.type ?? null,
      draft.resource?.id ?? null,
    ],
  );
  return toNotification(rows[0]!);
}

/** Page request of {@link listNotificationsPage}: the id to continue below, newest first. */
export interface NotificationPageQuery {
  profileId: string;
  beforeId?: string;
  limit: number;
  unreadOnly: boolean;
}

/** Reads one page, newest first, plus one extra row that tells whether another page exists. */
export async function listNotificationsPage(tx: SqlExecutor, query: NotificationPageQuery) {
  const { rows } = await tx.query<NotificationRow>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications
     WHERE profile_id = $1 AND ($2::uuid IS NULL OR id < $2) AND (NOT $3 OR read = false)
     ORDER BY id DESC LIMIT $4`,
    [query.profileId, query.beforeId ?? null, query.unreadOnly, query.limit + 1],
  );
  const hasMore = rows.length > query.limit;
  return { items: rows.slice(0, query.limit).map(toNotification), hasMore };
}

/** Counts a profile's unread notifications (served by the unread partial index). */
export async function countUnread(tx: SqlExecutor, profileId: string): Promise<number> {
  const { rows } = await tx.query<{ count: string }>(
    'SELECT count(*) FROM notifications WHERE profile_id = $1 AND read = false',
    [profileId],
  );
  return Number(rows[0]!.count);
}

/** Reads notifications created after one id, oldest first, one extra row telling whether more remain. */
export async function listNotificationsAfter(
  tx: SqlExecutor,
  profileId: string,
  afterId: string,
  limit: number,
) {
  const { rows } = await tx.query<NotificationRow>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications
     WHERE profile_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
    [profileId, afterId, limit + 1],
  );
  return { items: rows.slice(0, limit).map(toNotification), complete: rows.length <= limit };
}

/** Marks one notification of a profile read; returns undefined when the profile has no such notification. */
export async function markNotificationRead(tx: SqlExecutor, profileId: string, notificationId: string) {
  const { rows } = await tx.query<NotificationRow>(
    `UPDATE notifications SET read = true, read_at = coalesce(read_at, now())
     WHERE profile_id = $1 AND id = $2 RETURNING ${NOTIFICATION_COLUMNS}`,
    [profileId, notificationId],
  );
  return rows[0] ? toNotification(rows[0]) : undefined;
}

/** Marks every unread notification of a profile read and returns how many changed. */
export async function markAllNotificationsRead(tx: SqlExecutor, profileId: string): Promise<number> {
  const { rowCount } = await tx.query(
    'UPDATE notifications SET read = true, read_at = now() WHERE profile_id = $1 AND read = false',
    [profileId],
  );
  return rowCount;
}

/** Reads what a digest lists: notifications created since a time, oldest first, bounded. */
export async function listNotificationsCreatedSince(
  tx: SqlExecutor,
  profileId: string,
  since: Date,
  limit: number,
): Promise<Notification[]> {
  const { rows } = await tx.query<NotificationRow>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications
     WHERE profile_id = $1 AND created_at > $2 ORDER BY id LIMIT $3`,
    [profileId, since, limit],
  );
  return rows.map(toNotification);
}
