import type { Static } from 'typebox';

import type { NotificationSchema, NotificationType, ResourceType } from '@atlas/contracts';

/** A `notifications` row as pg returns it. */
export interface NotificationRow {
  id: string;
  profile_id: string;
  type: NotificationType;
  title: string;
  body: string | null;
  resource_type: ResourceType | null;
  resource_id: string | null;
  read: boolean;
  read_at: Date | null;
  created_at: Date;
}

/** A notification in the shape of the contracts. */
export type Notification = Static<typeof NotificationSchema>;

/** Columns selected wherever a whole notification is read. */
export const NOTIFICATION_COLUMNS =
  'id, profile_id, type, title, body, resource_type, resource_id, read, read_at, created_at';

/** Maps a row to the contract shape, leaving absent optional fields out. */
export function toNotification(row: NotificationRow): Notification {
  const notification: Notification = {
    id: row.id,
    profileId: row.profile_id,
    type: row.type,
    title: row.title,
    read: row.read,
    createdAt: row.created_at.toISOString(),
  };
  if (row.body !== null) notification.body = row.body;
  if (row.resource_type !== null && row.resource_id !== null)
    notification.resource = { type: row.resource_type, id: row.resource_id };
  if (row.read_at !== null) notification.readAt = row.read_at.toISOString();
  return notification;
}
