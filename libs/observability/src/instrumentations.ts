import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';

import type { Instrumentation } from '@opentelemetry/instrumentation';

/** Paths probed every few seconds by orchestrators; tracing them would bury the real requests. */
const UNTRACED_PATHS = new Set(['/health', '/health/ready', '/metrics']);

/**
 * Creates the instrumentations every service needs: HTTP (server and client), PostgreSQL through
 * `pg` and Redis through `ioredis`. They patch modules loaded after the SDK starts, which is why
 * telemetry must start before the service's modules are required.
 */
export function createInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
    }),
    new PgInstrumentation({ requireParentSpan: true }),
    new IORedisInstrumentation({ requireParentSpan: true }),
  ];
}
