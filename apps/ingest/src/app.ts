import { natsPlugin, postgresPlugin, redisPlugin } from '@atlas/service-runtime';

import type { ServiceApp } from '@atlas/service-runtime';

import type { IngestConfig } from './config';

/** The ingest service as a Fastify plugin: its connections now, its routes and consumers as they arrive. */
const ingestApp: ServiceApp<IngestConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-ingest',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-ingest' });
  await app.register(redisPlugin, { url: config.redisUrl, connectionName: 'atlas-ingest' });
};

export default ingestApp;
