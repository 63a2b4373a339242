import Type from 'typebox';

import type { Static } from 'typebox';

import { databaseSettings, natsSettings, redisSettings, serviceSettings } from '@atlas/config';

/** Timing of the aggregation, reminder and digest jobs. */
const notificationSettings = {
  aggregationWindowMs: Type.Integer({
    env: 'ATLAS_NOTIFICATION_AGGREGATION_WINDOW_MS',
    default: 60_000,
    minimum: 0,
    description: 'milliseconds during which new candidates of a profile are gathered into one notification',
  }),
  jobIntervalMs: Type.Integer({
    env: 'ATLAS_NOTIFICATION_JOB_INTERVAL_MS',
    default: 5_000,
    minimum: 50,
    description: 'milliseconds between two runs of the aggregation flush',
  }),
  reminderAfterDays: Type.Integer({
    env: 'ATLAS_NOTIFICATION_REMINDER_AFTER_DAYS',
    default: 14,
    minimum: 1,
    description: 'days a candidate may stay pending before its profile is reminded',
  }),
  reminderIntervalDays: Type.Integer({
    env: 'ATLAS_NOTIFICATION_REMINDER_INTERVAL_DAYS',
    default: 7,
    minimum: 1,
    description: 'minimum days between two reminders of one profile',
  }),
  scheduleIntervalMs: Type.Integer({
    env: 'ATLAS_NOTIFICATION_SCHEDULE_INTERVAL_MS',
    default: 60_000,
    minimum: 1_000,
    description: 'milliseconds between two runs of the reminder and digest jobs',
  }),
  smtpUrl: Type.Optional(
    Type.String({
      env: 'ATLAS_SMTP_URL',
      protocols: ['smtp:', 'smtps:'],
      secret: true,
      description:
        'the SMTP server that sends digest e-mails, e.g. smtp://127.0.0.1:2525; no digests when unset',
    }),
  ),
  mailFrom: Type.String({
    env: 'ATLAS_MAIL_FROM',
    default: 'Atlas Verify <notifications@atlas-verify.invalid>',
    minLength: 3,
    description: 'the From header of digest e-mails',
  }),
};

/** Environment of the notification service, parsed once at start. */
export const NotificationConfigSchema = Type.Object({
  ...serviceSettings('notification'),
  ...databaseSettings('notification'),
  ...natsSettings(),
  ...redisSettings(),
  ...notificationSettings,
});
export type NotificationConfig = Static<typeof NotificationConfigSchema>;
