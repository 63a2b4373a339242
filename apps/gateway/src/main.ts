import { runService } from '@atlas/service-runtime';

import { GatewayConfigSchema } from './config';

void runService({ name: 'gateway', configSchema: GatewayConfigSchema, loadApp: () => import('./app') });
