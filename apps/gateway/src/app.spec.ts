import { describeServiceShell } from '@atlas/service-testing';

import app from './app';
import { GatewayConfigSchema } from './config';

describeServiceShell({
  name: 'gateway',
  configSchema: GatewayConfigSchema,
  app,
  dependencies: ['postgres', 'nats', 'redis', 'event-bus'],
  portVariable: 'ATLAS_GATEWAY_PORT',
});
