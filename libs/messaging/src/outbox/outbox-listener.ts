import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';

import { outboxChannel } from '../sql-identifiers';

/** Delay before a lost LISTEN connection is opened again, in milliseconds. */
const RECONNECT_DELAY_MS = 2_000;

/**
 * Keeps one pooled connection LISTENing on the schema's outbox channel and calls `onNotify` for each
 * insert. When the connection fails it reconnects after a delay; the relay's polling covers the gap.
 */
export class OutboxListener {
  private client?: PoolClient;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly log: Logger,
    private readonly onNotify: () => void,
  ) {}

  /** Opens the connection and starts listening. */
  async start(): Promise<void> {
    this.stopped = false;
    try {
      await this.listen();
    } catch (error) {
      this.log.error({ err: error }, 'Outbox LISTEN failed; polling until it reconnects');
      this.scheduleReconnect();
    }
  }

  private async listen(): Promise<void> {
    const client = await this.pool.connect();
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => this.handleFailure(client, error));
    try {
      await client.query(`LISTEN "${outboxChannel(this.schema)}"`);
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    if (this.stopped) client.release();
    else this.client = client;
  }

  private handleFailure(client: PoolClient, error: Error): void {
    if (this.client !== client) return;
    this.log.error({ err: error }, 'Outbox LISTEN connection failed; polling until it reconnects');
    this.client = undefined;
    client.release(error);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.reconnectTimer = setTimeout(() => void this.start(), RECONNECT_DELAY_MS);
  }

  /** Stops listening and returns the connection to the pool. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.query(`UNLISTEN "${outboxChannel(this.schema)}"`);
      client.release();
    } catch (error) {
      client.release(error as Error);
    }
  }
}
