import { natsPlugin, postgresPlugin } from '@atlas/service-runtime';

import type { ServiceApp } from '@atlas/service-runtime';

import type { MatchingConfig } from './config';

/** Registers the matching service on a server. Its PostgreSQL and NATS connections are the only parts built so far. */
const matchingApp: ServiceApp<MatchingConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-matching',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-matching' });
};

export default matchingApp;
