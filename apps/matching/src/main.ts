import { runService } from '@atlas/service-runtime';

import { MatchingConfigSchema } from './config';

void runService({ name: 'matching', configSchema: MatchingConfigSchema, loadApp: () => import('./app') });
