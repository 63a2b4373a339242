import type { Logger } from 'pino';

import { ProfileChangedV1, ProfileErasedV1 } from '@atlas/contracts';
import { eventBusPlugin, natsPlugin, postgresPlugin, redisPlugin } from '@atlas/service-runtime';
import type { ServiceApp } from '@atlas/service-runtime';

import type { IngestConfig } from './config';
import { ImportJobs } from './domain/import-jobs';
import { importHandlers } from './handlers/import.handlers';
import { onProfileChanged, onProfileErased } from './handlers/profile-events.handlers';
import { rawRecordHandlers } from './handlers/raw-record.handlers';
import { syncHandlers } from './handlers/sync.handlers';
import { SyncService } from './sync/sync-service';

/** Milliseconds between two looks for unfinished imports that no live process works on. */
const RESUME_INTERVAL_MS = 30_000;

/**
 * Registers the ingest service on a server: the outbox relay of its record events, and the operations
 * that start and report imports and read raw records. It also keeps the profile read model and
 * synchronises profiles with the source APIs, on a schedule and on demand.
 */
const ingestApp: ServiceApp<IngestConfig> = async (app, { config }) => {
  await app.register(postgresPlugin, {
    connectionString: config.databaseUrl,
    applicationName: 'atlas-ingest',
  });
  await app.register(natsPlugin, { servers: config.natsUrl, name: 'atlas-ingest' });
  await app.register(redisPlugin, { url: config.redisUrl, connectionName: 'atlas-ingest' });
  await app.register(eventBusPlugin, {
    service: 'ingest',
    schema: 'ingest',
    streamReplicas: config.natsStreamReplicas,
  });

  let jobs: ImportJobs | undefined;
  const importJobs = () => (jobs ??= new ImportJobs(app.pg, app.log.child({ component: 'import' })));
  let syncService: SyncService | undefined;
  const sync = () =>
    (syncService ??= new SyncService(
      config,
      app.pg,
      app.redis,
      app.log.child({ component: 'sync' }) as Logger,
    ));
  // Runs a killed process or a lost database connection left unfinished continue without an operator.
  let sweep: NodeJS.Timeout | undefined;
  const resumeAbandoned = () =>
    importJobs()
      .resumeAbandoned()
      .catch((error: unknown) => app.log.error({ err: error }, 'resuming unfinished imports failed'));
  app.addHook('onReady', async () => {
    void resumeAbandoned();
    sweep = setInterval(() => void resumeAbandoned(), RESUME_INTERVAL_MS);
  });
  // Before the connections close, so a running import or sync stops after its batch and stays resumable.
  app.addHook('preClose', async () => {
    clearInterval(sweep);
    await Promise.all([jobs?.close(), syncService?.stop()]);
  });
  app.addHook('onReady', async () => {
    sync().start();
  });

  const log = app.log.child({ component: 'profiles' }) as Logger;
  app.eventBus.consume(ProfileChangedV1, onProfileChanged(log));
  app.eventBus.consume(ProfileErasedV1, onProfileErased(log));

  app.eventBus.serve([
    ...rawRecordHandlers(() => app.pg),
    ...importHandlers({
      pool: () => app.pg,
      nats: () => app.natsConnected(),
      jobs: importJobs,
      ...(config.importDir ? { importDir: config.importDir } : {}),
      ...(config.uploadSpoolDir ? { uploadSpoolDir: config.uploadSpoolDir } : {}),
    }),
    ...syncHandlers(sync),
  ]);
};

export default ingestApp;
