import Type from 'typebox';

import type { Static } from 'typebox';

import { databaseSettings, natsSettings, redisSettings, serviceSettings } from '@atlas/config';

import { SyncSettings } from './sync/sync-config';

/** Environment of the ingest service, parsed once at start. */
export const IngestConfigSchema = Type.Object({
  ...serviceSettings('ingest'),
  ...databaseSettings('ingest'),
  ...natsSettings(),
  ...redisSettings(),
  importDir: Type.Optional(
    Type.String({
      env: 'ATLAS_IMPORT_DIR',
      minLength: 1,
      description: 'the folder whose files import requests may name; imports by path are rejected when unset',
    }),
  ),
  uploadSpoolDir: Type.Optional(
    Type.String({
      env: 'ATLAS_INGEST_UPLOAD_DIR',
      minLength: 1,
      description:
        'the folder uploaded files are copied to before they are imported (default: the system temp folder)',
    }),
  ),
  ...SyncSettings,
});
export type IngestConfig = Static<typeof IngestConfigSchema>;
