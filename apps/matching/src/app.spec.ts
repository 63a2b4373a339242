import { describeServiceShell } from '@atlas/service-testing';

import app from './app';
import { MatchingConfigSchema } from './config';

describeServiceShell({
  name: 'matching',
  configSchema: MatchingConfigSchema,
  app,
  dependencies: ['postgres', 'nats', 'event-bus'],
  portVariable: 'ATLAS_MATCHING_PORT',
});
