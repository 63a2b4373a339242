import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection, Status } from '@nats-io/nats-core';
import type { Logger } from 'pino';

import { MessagingError } from './errors';
import { maskUrlPassword, serversWithCredentials } from './server-credentials';

/** Options of {@link connectNats}. */
export interface ConnectNatsOptions {
  /** Server URL, or several comma-separated URLs of one cluster. */
  url: string;
  /** Connection name the server shows in its monitoring (usually the service name). */
  name: string;
  log: Logger;
}

/** An open NATS connection with its JetStream client. */
export interface MessagingConnection {
  nc: NatsConnection;
  js: JetStreamClient;
  /** Drains subscriptions and pending publishes, then closes; safe to call twice. */
  close(): Promise<void>;
}

function logStatus(log: Logger, status: Status): void {
  switch (status.type) {
    case 'disconnect':
      log.warn({ server: status.server }, 'NATS connection lost');
      break;
    case 'reconnect':
      log.info({ server: status.server }, 'NATS connection re-established');
      break;
    case 'error':
      log.error({ err: status.error }, 'NATS server reported an error');
      break;
    case 'slowConsumer':
      log.warn({ subject: status.sub.getSubject(), pending: status.pending }, 'NATS slow consumer');
      break;
    default:
      break;
  }
}

async function watchStatus(nc: NatsConnection, log: Logger): Promise<void> {
  for await (const status of nc.status()) logStatus(log, status);
}

/** Connects to NATS, reconnecting forever and logging connection changes. */
export async function connectNats(options: ConnectNatsOptions): Promise<MessagingConnection> {
  const log = options.log.child({ component: 'nats' });
  let nc: NatsConnection;
  try {
    nc = await connect({
      ...serversWithCredentials(options.url),
      name: options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1_000,
    });
  } catch (error) {
    throw new MessagingError(
      'MESSAGING_ERR_CONNECTION_FAILED',
      `Failed to connect to NATS at ${maskUrlPassword(options.url)}`,
      {
        cause: error,
      },
    );
  }
  log.info({ server: nc.getServer() }, 'NATS connected');
  watchStatus(nc, log).catch((error: unknown) => log.error({ err: error }, 'NATS status watcher failed'));

  const close = async (): Promise<void> => {
    if (nc.isClosed()) return;
    if (!nc.isDraining()) await nc.drain();
    await nc.closed();
    log.info('NATS connection closed');
  };
  return { nc, js: jetstream(nc), close };
}
