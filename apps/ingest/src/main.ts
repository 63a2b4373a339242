import { runService } from '@atlas/service-runtime';

import { IngestConfigSchema } from './config';

void runService({ name: 'ingest', configSchema: IngestConfigSchema, loadApp: () => import('./app') });
