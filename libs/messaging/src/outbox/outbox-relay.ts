import type { JetStreamClient } from '@nats-io/jetstream';
import type { Pool } from 'pg';
import type { Logger } from 'pino';

import { MessagingError } from '../errors';
import { EVENT_PAYLOAD_BUCKET, LargePayloadStore } from '../payloads/large-payload-store';
import { validateSchemaName } from '../sql-identifiers';
import { WakeSignal } from '../wake-signal';
import { relayOneBatch } from './outbox-batch';
import { OutboxListener } from './outbox-listener';
import { OutboxPurgeJob } from './outbox-purge-job';

import type { OutboxRelayMetrics } from '../metrics';
import type { RelayRound } from './outbox-batch';
import type { OutboxPurgeOptions } from './outbox-purge-job';

/** Settings of {@link createOutboxRelay}. */
export interface OutboxRelayOptions {
  pool: Pool;
  /** Service schema that contains `outbox_events` and `inbox_events`. */
  schema: string;
  js: JetStreamClient;
  log: Logger;
  /** Rows claimed and published per transaction. */
  batchSize?: number;
  /** Delay between polls when no notification arrives, in milliseconds. */
  pollIntervalMs?: number;
  /** Upper bound of the delay between retries after a failure, in milliseconds. */
  maxRetryDelayMs?: number;
  /** Store of event bodies too large for one message; defaults to the shared event bucket. */
  largePayloads?: LargePayloadStore;
  /** Retention of sent outbox rows and inbox rows; `false` leaves purging to someone else. */
  purge?: Partial<OutboxPurgeOptions> | false;
  metrics?: OutboxRelayMetrics;
}

/** A running outbox relay. */
export interface OutboxRelay {
  start(): Promise<void>;
  /** Finishes the batch in flight, then stops; safe to call twice. */
  stop(): Promise<void>;
}

// Payload objects outlive their events on the stream, which keeps messages seven days by default.
const DEFAULT_PAYLOAD_TTL_SECONDS = 8 * 24 * 3_600;

class OutboxRelayLoop implements OutboxRelay {
  private readonly wake = new WakeSignal();
  private readonly listener: OutboxListener;
  private readonly purgeJob?: OutboxPurgeJob;
  private readonly payloads: LargePayloadStore;
  private readonly log: Logger;
  private running = false;
  private loop?: Promise<void>;
  private failures = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    validateSchemaName(options.schema);
    this.log = options.log.child({ component: 'outbox-relay', schema: options.schema });
    this.payloads =
      options.largePayloads ??
      new LargePayloadStore(options.js, {
        bucket: EVENT_PAYLOAD_BUCKET,
        ttlSeconds: DEFAULT_PAYLOAD_TTL_SECONDS,
      });
    this.listener = new OutboxListener(options.pool, options.schema, this.log, () => this.wake.notify());
    if (options.purge !== false) {
      this.purgeJob = new OutboxPurgeJob(options.pool, options.schema, this.log, options.purge ?? {});
    }
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listener.start();
    this.purgeJob?.start();
    this.loop = this.run();
    this.log.info('Outbox relay started');
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake.notify();
    await this.loop;
    await Promise.all([this.listener.stop(), this.purgeJob?.stop()]);
    this.log.info('Outbox relay stopped');
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    while (this.running) {
      try {
        const round = await relayOneBatch(
          this.options.pool,
          this.options.js,
          this.payloads,
          this.options.schema,
          batchSize,
        );
        this.report(round);
        if (round.failures.length > 0) throw this.publishFailure(round);
        this.failures = 0;
        if (round.claimed < batchSize) await this.wake.wait(this.options.pollIntervalMs ?? 1_000);
      } catch (error) {
        await this.retryLater(error);
      }
    }
  }

  private report(round: RelayRound): void {
    if (round.claimed === 0) return;
    this.options.metrics?.lag(round.lagSeconds);
    this.options.metrics?.published(round.sentIds.length, round.duplicates);
    if (round.failures.length > 0) this.options.metrics?.publishFailed(round.failures.length);
    this.log.debug(
      { published: round.sentIds.length, duplicates: round.duplicates },
      'Outbox batch published',
    );
  }

  private publishFailure(round: RelayRound): MessagingError {
    return new MessagingError(
      'MESSAGING_ERR_PUBLISH_FAILED',
      `Failed to publish ${round.failures.length} of ${round.claimed} outbox events`,
      { cause: round.failures[0]?.error, details: { eventIds: round.failures.map((failure) => failure.id) } },
    );
  }

  private async retryLater(error: unknown): Promise<void> {
    this.failures += 1;
    const maxDelay = this.options.maxRetryDelayMs ?? 30_000;
    const delay = Math.min(maxDelay, 250 * 2 ** Math.min(this.failures, 16));
    this.log.error({ err: error, attempt: this.failures, retryInMs: delay }, 'Outbox relay round failed');
    // A notification must not cut the back-off short, so only stop() ends this sleep early.
    const deadline = Date.now() + delay;
    while (this.running && Date.now() < deadline) await this.wake.wait(deadline - Date.now());
  }
}

/**
 * Creates the relay that publishes a schema's outbox rows to JetStream. It wakes on the outbox
 * trigger's notifications and polls as a fallback; several replicas can run side by side.
 *
 * NOTE: Replicas claim disjoint batches concurrently, so events of different batches may reach the
 * stream out of creation order. Consumers order changes of one entity by its `entityVersion`.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  return new OutboxRelayLoop(options);
}
