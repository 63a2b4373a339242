import { runService } from '@atlas/service-runtime';

import { NotificationConfigSchema } from './config';

void runService({
  name: 'notification',
  configSchema: NotificationConfigSchema,
  loadApp: () => import('./app'),
});
