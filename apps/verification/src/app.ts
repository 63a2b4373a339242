import { natsPlugin, postgresPlugin } from '@atlas/service-runtime';

import type { ServiceApp } from '@atlas/service-runtime';

import type { VerificationConfig } from './config';

/** The verification service as a Fastify plugin: its connections now, its routes and consumers as they arrive. */
const verificationApp: ServiceApp<VerificationConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-verification',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-verification' });
};

export default verificationApp;
