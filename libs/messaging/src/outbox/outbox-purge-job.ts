import type { Pool } from 'pg';
import type { Logger } from 'pino';

import { pgExecutor } from '@atlas/database';
import { purgeInboxEvents, purgeSentOutboxEvents } from './outbox-purge';

/** Retention of processed rows. */
export interface OutboxPurgeOptions {
  /** The stream's de-duplication window, in seconds (the JetStream default is 120). */
  duplicateWindowSeconds: number;
  /** Extra time sent rows are kept beyond the window, in seconds. */
  marginSeconds: number;
  /** How long inbox rows are kept, in seconds; keep it longer than any redelivery can take. */
  inboxRetentionSeconds: number;
  /** Delay between purges, in milliseconds. */
  intervalMs: number;
}

const DEFAULTS: OutboxPurgeOptions = {
  duplicateWindowSeconds: 120,
  marginSeconds: 3_600,
  inboxRetentionSeconds: 7 * 24 * 3_600,
  intervalMs: 10 * 60_000,
};

/** Deletes sent outbox rows and old inbox rows on a timer. */
export class OutboxPurgeJob {
  private readonly settings: OutboxPurgeOptions;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly log: Logger,
    options: Partial<OutboxPurgeOptions>,
  ) {
    this.settings = { ...DEFAULTS, ...options };
  }

  start(): void {
    this.schedule();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs one purge now; errors are logged and the next run tries again. */
  async purgeOnce(): Promise<void> {
    const { duplicateWindowSeconds, marginSeconds, inboxRetentionSeconds } = this.settings;
    try {
      const outbox = await purgeSentOutboxEvents(
        pgExecutor(this.pool),
        this.schema,
        duplicateWindowSeconds + marginSeconds,
      );
      const inbox = await purgeInboxEvents(pgExecutor(this.pool), this.schema, inboxRetentionSeconds);
      if (outbox + inbox > 0) this.log.info({ outbox, inbox }, 'Purged processed outbox and inbox rows');
    } catch (error) {
      this.log.error({ err: error }, 'Outbox and inbox purge failed');
    }
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.running = this.purgeOnce().finally(() => {
        this.running = undefined;
        if (this.timer) this.schedule();
      });
    }, this.settings.intervalMs);
  }
}
