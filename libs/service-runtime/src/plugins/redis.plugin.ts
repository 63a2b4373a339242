import { once } from 'node:events';

import fp from 'fastify-plugin';

import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';

/** Options of `redisPlugin`. */
export interface RedisPluginOptions {
  /** redis:// or rediss:// URL. */
  url: string;
  /** Client name shown by `CLIENT LIST`, e.g. `atlas-gateway`. */
  connectionName: string;
  /** Milliseconds to wait for a connection before retrying. */
  connectTimeoutMs?: number;
  /** Milliseconds a command may wait for its reply, including time queued while disconnected. */
  commandTimeoutMs?: number;
}

/** Maximum pause between reconnect attempts, in milliseconds. */
const MAX_RECONNECT_DELAY_MS = 5_000;

/**
 * Adds `app.redis`, an ioredis client that connects in the background and reconnects for ever. A
 * command fails after the command timeout while Redis is down, so callers such as the rate limiter can
 * fail open. Registers the `redis` readiness check and quits on close.
 */
async function redis(app: FastifyInstance, options: RedisPluginOptions): Promise<void> {
  const { Redis: RedisClient } = await import('ioredis');
  const client: Redis = new RedisClient(options.url, {
    connectionName: options.connectionName,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    // Without the offline queue, ioredis 6 throws from its socket handler when a close races the
    // connect handshake, so commands queue while disconnected and the timeout bounds their wait.
    commandTimeout: options.commandTimeoutMs ?? 2_000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
  });
  logConnectionChanges(app, client);

  app.decorate('redis', client);
  app.readiness.register('redis', async () => {
    if (client.status !== 'ready')
      throw new Error(`Redis is not connected (client status: ${client.status})`);
    await client.ping();
  });

  let closed = false;
  app.addHook('onClose', async () => {
    if (closed) return;
    closed = true;
    await closeClient(client);
    app.log.info('Redis connection closed');
  });
}

/** Logs the first error of each outage and each recovery, not every retry. */
function logConnectionChanges(app: FastifyInstance, client: Redis): void {
  let failing = false;
  client.on('error', (error: Error) => {
    if (failing) return;
    failing = true;
    app.log.warn({ err: error }, 'Redis connection failed; retrying in the background');
  });
  client.on('ready', () => {
    if (failing) app.log.info('Redis connection restored');
    failing = false;
  });
}

async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'ready') {
    // QUIT's reply can come before the socket has closed; the connection is gone only at 'end'.
    const ended = once(client, 'end');
    await client.quit();
    await ended;
    return;
  }
  // Not connected: quit would wait for a connection that may never come, so drop the attempt.
  const ended = once(client, 'end');
  client.disconnect();
  await ended;
}

/** Fastify plugin that gives the service its Redis client. */
export const redisPlugin = fp(redis, { name: 'atlas-redis', fastify: '5.x' });
