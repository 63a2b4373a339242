import Type from 'typebox';

import type { Static } from 'typebox';

import { databaseSettings, natsSettings, redisSettings, serviceSettings } from '@atlas/config';

/** Environment of the ingest service, parsed once at start. */
export const IngestConfigSchema = Type.Object({
  ...serviceSettings('ingest'),
  ...databaseSettings('ingest'),
  ...natsSettings(),
  ...redisSettings(),
});
export type IngestConfig = Static<typeof IngestConfigSchema>;
