import { runService } from '@atlas/service-runtime';

import { VerificationConfigSchema } from './config';

void runService({
  name: 'verification',
  configSchema: VerificationConfigSchema,
  loadApp: () => import('./app'),
});
