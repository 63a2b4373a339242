import { describeServiceShell } from '@atlas/service-testing';
import { createTestDatabase } from '@atlas/testing';
import type { TestDatabase } from '@atlas/testing';

import app from './app';
import { IngestConfigSchema } from './config';

// The outbox relay needs the ingest schema, so the shell runs on a database with its migrations.
let database: TestDatabase | undefined;
const stackDatabaseUrl = process.env['DATABASE_URL'];

beforeAll(async () => {
  database = await createTestDatabase({ services: ['ingest'] });
  process.env['DATABASE_URL'] = database.services.ingest!.runtimeUrl;
});

afterAll(async () => {
  process.env['DATABASE_URL'] = stackDatabaseUrl;
  await database?.drop();
});

describeServiceShell({
  name: 'ingest',
  configSchema: IngestConfigSchema,
  app,
  dependencies: ['postgres', 'nats', 'redis', 'event-bus'],
  portVariable: 'ATLAS_INGEST_PORT',
});
