import { literalUnion } from './literal-union';

/** Kinds of notification shown to a researcher or curator. */
export const NOTIFICATION_TYPES = [
  'new_candidates',
  'work_new_version',
  'coauthor_verified',
  'position_conflict',
  'candidates_pending_reminder',
  'profile_updated',
  'sync_finished',
  'merge_proposed',
  'work_retracted',
  'delegated_candidate',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export const NotificationTypeSchema = literalUnion(NOTIFICATION_TYPES);

/** How often notifications are e-mailed; `never` keeps them in the application only. */
export const NOTIFICATION_FREQUENCIES = ['immediate', 'daily', 'weekly', 'never'] as const;
export type NotificationFrequency = (typeof NOTIFICATION_FREQUENCIES)[number];
export const NotificationFrequencySchema = literalUnion(NOTIFICATION_FREQUENCIES);

/** Kinds of object a notification links to (`notifications.resource_type`). */
export const RESOURCE_TYPES = [
  'candidate',
  'work',
  'profile',
  'import_run',
  'sync_run',
  'merge_proposal',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export const ResourceTypeSchema = literalUnion(RESOURCE_TYPES);
