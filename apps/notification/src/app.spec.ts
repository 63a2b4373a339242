import { describeServiceShell } from '@atlas/service-testing';

import app from './app';
import { NotificationConfigSchema } from './config';

describeServiceShell({
  name: 'notification',
  configSchema: NotificationConfigSchema,
  app,
  dependencies: ['postgres', 'nats', 'redis', 'event-bus'],
  portVariable: 'ATLAS_NOTIFICATION_PORT',
});
