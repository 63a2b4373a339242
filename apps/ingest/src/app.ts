import { natsPlugin, postgresPlugin, redisPlugin } from '@atlas/service-runtime';

import type { ServiceApp } from '@atlas/service-runtime';

import type { IngestConfig } from './config';

/** Registers the ingest service on a server. Its PostgreSQL, NATS and Redis connections are the only parts built so far. */
const ingestApp: ServiceApp<IngestConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-ingest',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-ingest' });
  await app.register(redisPlugin, { url: config.redisUrl, connectionName: 'atlas-ingest' });
};

export default ingestApp;
