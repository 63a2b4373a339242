import { describeServiceShell } from '@atlas/service-testing';

import app from './app';
import { IngestConfigSchema } from './config';

describeServiceShell({
  name: 'ingest',
  configSchema: IngestConfigSchema,
  app,
  dependencies: ['postgres', 'nats', 'redis'],
  portVariable: 'ATLAS_INGEST_PORT',
});
