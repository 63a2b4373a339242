import type { NatsConnection } from '@nats-io/nats-core';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';

import type { ReadinessRegistry } from './health/readiness-registry';
import type { EventBus } from './plugins/event-bus';

declare module 'fastify' {
  interface FastifyInstance {
    /** Dependencies checked by `/health/ready`. */
    readiness: ReadinessRegistry;
    /** PostgreSQL pool of the service's runtime role; present once `postgresPlugin` is registered. */
    pg: Pool;
    /** NATS connection; reading it before the first connect succeeds throws `NatsNotConnectedError`. */
    nats: NatsConnection;
    /** Resolves with the NATS connection once connected; rejects if the plugin closes first. */
    natsConnected: () => Promise<NatsConnection>;
    /** Redis client; present once `redisPlugin` is registered. */
    redis: Redis;
    /** Consumers, request/reply operations and outbox relay; present once `eventBusPlugin` is registered. */
    eventBus: EventBus;
  }
}
