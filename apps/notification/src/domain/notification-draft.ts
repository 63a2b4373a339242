import { MAX_NOTIFICATION_BODY_LENGTH, MAX_NOTIFICATION_TITLE_LENGTH } from '@atlas/contracts';

import type { NotificationType, ResourceType } from '@atlas/contracts';

/** A notification about to be stored: everything but the id, read state and creation time. */
export interface NotificationDraft {
  profileId: string;
  type: NotificationType;
  title: string;
  body?: string;
  resource?: { type: ResourceType; id: string };
}

function clip(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return `${text.slice(0, maxLength - 1)}…`;
}

/** Builds a draft whose title and body fit the limits of the notification contract. */
export function draft(fields: NotificationDraft): NotificationDraft {
  const result: NotificationDraft = {
    ...fields,
    title: clip(fields.title, MAX_NOTIFICATION_TITLE_LENGTH),
  };
  if (fields.body !== undefined) result.body = clip(fields.body, MAX_NOTIFICATION_BODY_LENGTH);
  return result;
}

/** Returns `1 candidate` or `3 candidates`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
