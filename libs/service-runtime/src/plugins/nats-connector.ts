import { setTimeout as sleep } from 'node:timers/promises';

import type { NatsConnection } from '@nats-io/nats-core';
import type { FastifyBaseLogger } from 'fastify';

// The file alone, not the library's entry: that loads pg, which telemetry must instrument first.
import { serversWithCredentials } from '@atlas/messaging/server-credentials';

/** Raised when the NATS connection is used before the first connect succeeded. */
export class NatsNotConnectedError extends Error {
  override readonly name = 'NatsNotConnectedError';
  readonly code = 'RUNTIME_ERR_NATS_NOT_CONNECTED';

  constructor(message = 'NATS is not connected yet') {
    super(message);
  }
}

/** Options of a `NatsConnector`. */
export interface NatsConnectorOptions {
  /** nats:// URL, or several separated by commas. */
  servers: string;
  /** Connection name shown by the server's monitoring, e.g. `atlas-matching`. */
  name: string;
  /** Milliseconds one connect attempt may take. */
  connectTimeoutMs?: number;
  /** Maximum pause between first-connect attempts, in milliseconds. */
  maxRetryDelayMs?: number;
}

/**
 * Connects to NATS in the background until it succeeds, so that a service starts (and reports itself
 * not ready) while NATS is down. After the first connect the client reconnects on its own.
 */
export class NatsConnector {
  private connection: NatsConnection | undefined;
  private stopped = false;
  private readonly stopping = new AbortController();
  private readonly waiters: Array<{ resolve: (nc: NatsConnection) => void; reject: (error: Error) => void }> =
    [];

  constructor(
    private readonly options: NatsConnectorOptions,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Returns the connection, or throws `NatsNotConnectedError` before the first connect. */
  current(): NatsConnection {
    if (!this.connection) throw new NatsNotConnectedError();
    return this.connection;
  }

  /** Resolves with the connection once connected. */
  connected(): Promise<NatsConnection> {
    if (this.connection) return Promise.resolve(this.connection);
    if (this.stopped) return Promise.reject(new NatsNotConnectedError('NATS connector is closed'));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Tries to connect until it succeeds or `close` is called; never rejects. */
  async run(): Promise<void> {
    const { connect } = await import('@nats-io/transport-node');
    let delayMs = 250;
    let attempt = 0;

    while (!this.stopped) {
      attempt += 1;
      try {
        const nc = await connect({
          ...serversWithCredentials(this.options.servers),
          name: this.options.name,
          timeout: this.options.connectTimeoutMs ?? 2_000,
          reconnect: true,
          maxReconnectAttempts: -1,
        });
        this.onConnected(nc);
        return;
      } catch (error) {
        if (attempt === 1)
          this.log.warn({ err: error }, 'NATS connection failed; retrying in the background');
        await sleep(delayMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
        delayMs = Math.min(delayMs * 2, this.options.maxRetryDelayMs ?? 5_000);
      }
    }
  }

  private onConnected(nc: NatsConnection): void {
    if (this.stopped) {
      // close() ran while this attempt was in flight, so no other code path would close this connection.
      void nc.close();
      return;
    }
    this.connection = nc;
    this.log.info({ server: nc.getServer() }, 'NATS connected');
    for (const waiter of this.waiters.splice(0)) waiter.resolve(nc);
  }

  /** Stops connecting and drains the connection: pending messages are handled before it closes. */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopping.abort();
    for (const waiter of this.waiters.splice(0))
      waiter.reject(new NatsNotConnectedError('NATS connector is closed'));

    const nc = this.connection;
    if (!nc || nc.isClosed()) return;
    await nc.drain();
    this.log.info('NATS connection drained');
  }
}
