import { natsPlugin, postgresPlugin } from '@atlas/service-runtime';

import type { ServiceApp } from '@atlas/service-runtime';

import type { MatchingConfig } from './config';

/** The matching service as a Fastify plugin: its connections now, its routes and consumers as they arrive. */
const matchingApp: ServiceApp<MatchingConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-matching',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-matching' });
};

export default matchingApp;
