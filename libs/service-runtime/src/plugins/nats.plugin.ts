import fp from 'fastify-plugin';

import type { FastifyInstance } from 'fastify';

import { NatsConnector } from './nats-connector';

import type { NatsConnectorOptions } from './nats-connector';

/** Options of `natsPlugin`. */
export type NatsPluginOptions = NatsConnectorOptions;

/**
 * Adds `app.nats` and `app.natsConnected()`, registers the `nats` readiness check (a round trip to the
 * server) and drains the connection when the server closes.
 */
async function nats(app: FastifyInstance, options: NatsPluginOptions): Promise<void> {
  const connector = new NatsConnector(options, app.log);
  const connecting = connector.run();

  app.decorate('nats', { getter: () => connector.current() });
  app.decorate('natsConnected', () => connector.connected());
  app.readiness.register('nats', async () => {
    await connector.current().flush();
  });

  app.addHook('onClose', async () => {
    await connector.close();
    await connecting;
  });
}

/** Fastify plugin that gives the service its NATS connection. */
export const natsPlugin = fp(nats, { name: 'atlas-nats', fastify: '5.x' });
