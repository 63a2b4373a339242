import fp from 'fastify-plugin';

import type { FastifyInstance } from 'fastify';

import { DEFAULT_DELIVERY, DEFAULT_STREAM_RETENTION } from './event-bus-settings';

import type { EventBusSettings } from './event-bus-settings';

/** Options of `eventBusPlugin`; only the service is required. */
export type EventBusPluginOptions = Pick<EventBusSettings, 'service'> &
  Partial<Omit<EventBusSettings, 'service'>> & {
    /** Copies of each stream the service provisions (`ATLAS_NATS_STREAM_REPLICAS`); 1 when absent. */
    streamReplicas?: number;
  };

/**
 * Adds `app.eventBus`. The app declares its consumers and operations while it is built. Once the
 * server is ready, they start in the background as soon as NATS is connected, and until then
 * `/health/ready` reports `event-bus` down. Needs `natsPlugin`, and `postgresPlugin` when a schema is set.
 */
async function eventBus(app: FastifyInstance, options: EventBusPluginOptions): Promise<void> {
  const { streamReplicas, ...given } = options;
  const settings: EventBusSettings = {
    relay: options.schema !== undefined,
    retention: { ...DEFAULT_STREAM_RETENTION, replicas: streamReplicas ?? 1 },
    delivery: DEFAULT_DELIVERY,
    rpcVersion: '1.0.0',
    ...given,
  };
  // Loaded here, not at the top, because messaging loads pg, which telemetry must instrument first.
  const { EventBus } = await import('./event-bus');
  const bus = new EventBus(
    settings,
    () => app.natsConnected(),
    () => app.pg,
    app.log.child({ component: 'event-bus' }),
  );

  app.decorate('eventBus', bus);
  app.readiness.register('event-bus', async () => {
    if (!bus.isReady()) throw new Error('consumers and operations are not running yet');
  });
  app.addHook('onReady', async () => {
    void bus.start();
  });
  app.addHook('onClose', async () => {
    await bus.close();
  });
}

/** Fastify plugin that runs a service's consumers, request/reply operations and outbox relay. */
export const eventBusPlugin = fp(eventBus, {
  name: 'atlas-event-bus',
  fastify: '5.x',
  dependencies: ['atlas-nats'],
});
