import Type from 'typebox';

import type { Static } from 'typebox';

import { databaseSettings, natsSettings, redisSettings, serviceSettings } from '@atlas/config';

/** Environment of the notification service, parsed once at start. */
export const NotificationConfigSchema = Type.Object({
  ...serviceSettings('notification'),
  ...databaseSettings('notification'),
  ...natsSettings(),
  ...redisSettings(),
});
export type NotificationConfig = Static<typeof NotificationConfigSchema>;
