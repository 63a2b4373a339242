import { describeServiceShell } from '@atlas/service-testing';

import app from './app';
import { VerificationConfigSchema } from './config';

describeServiceShell({
  name: 'verification',
  configSchema: VerificationConfigSchema,
  app,
  dependencies: ['postgres', 'nats', 'event-bus'],
  portVariable: 'ATLAS_VERIFICATION_PORT',
});
