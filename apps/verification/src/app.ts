import { natsPlugin, postgresPlugin } from '@atlas/service-runtime';

import type { ServiceApp } from '@atlas/service-runtime';

import type { VerificationConfig } from './config';

/** Registers the verification service on a server. Its PostgreSQL and NATS connections are the only parts built so far. */
const verificationApp: ServiceApp<VerificationConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-verification',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-verification' });
};

export default verificationApp;
