import type { JetStreamManager } from '@nats-io/jetstream';
import type { FastifyBaseLogger } from 'fastify';
import type { Pool } from 'pg';

import { DEAD_LETTER_STREAM, validateSchemaName } from '@atlas/messaging';
import type { EventConsumerMetrics, OutboxRelayMetrics, RpcServerMetrics } from '@atlas/messaging';
import { METRICS, counterOf, histogramOf, observeGauge } from '@atlas/observability';

/** Milliseconds between two log lines about a gauge that cannot be read. */
const GAUGE_ERROR_LOG_INTERVAL_MS = 60_000;

/** The messaging instruments of one service process, shared by its relay, consumers and operations. */
export class MessagingMetrics {
  private readonly published = counterOf(METRICS.outboxPublished);
  private readonly publishFailures = counterOf(METRICS.outboxPublishFailures);
  private readonly relayLag = histogramOf(METRICS.outboxRelayLag);
  private readonly events = counterOf(METRICS.eventsProcessed);
  private readonly redeliveries = counterOf(METRICS.inboxRedeliveries);
  private readonly deadLetters = counterOf(METRICS.deadLetters);
  private readonly rpcDuration = histogramOf(METRICS.rpcServerDuration);
  private readonly stopGauges: (() => void)[] = [];
  private lastGaugeErrorLog = 0;

  constructor(private readonly log: FastifyBaseLogger) {}

  /** Metrics of the relay of `schema`'s outbox. */
  relay(schema: string): OutboxRelayMetrics {
    const attributes = { schema };
    return {
      published: (count) => this.published.add(count, attributes),
      publishFailed: (count) => this.publishFailures.add(count, attributes),
      lag: (seconds) => this.relayLag.record(seconds, attributes),
    };
  }

  /** Metrics of one durable consumer. */
  consumer(consumer: string): EventConsumerMetrics {
    return {
      processed: (outcome) => {
        this.events.add(1, { consumer, outcome });
        if (outcome === 'dead_lettered') this.deadLetters.add(1, { consumer });
      },
      redelivered: () => this.redeliveries.add(1, { consumer }),
    };
  }

  /** Metrics of the request/reply operations. */
  rpcServer(): RpcServerMetrics {
    return {
      served: (operation, code, seconds) =>
        this.rpcDuration.record(seconds, { rpc_method: operation, rpc_code: code }),
    };
  }

  /** Reads the number of unsent outbox rows of `schema` at each scrape. */
  observeOutboxBacklog(pool: Pool, schema: string): void {
    // The partial index outbox_events_unsent_idx covers exactly these rows, so the count stays cheap.
    const sql = `SELECT count(*)::int AS backlog FROM "${validateSchemaName(schema)}".outbox_events WHERE sent_at IS NULL`;
    const read = async (): Promise<Array<[number, { schema: string }]>> => {
      const { rows } = await pool.query<{ backlog: number }>(sql);
      return [[rows[0]?.backlog ?? 0, { schema }]];
    };
    this.stopGauges.push(observeGauge(METRICS.outboxBacklog, read, (error) => this.gaugeFailed(error)));
  }

  /** Reads the number of messages in the dead-letter stream at each scrape. */
  observeDeadLetterStream(jsm: JetStreamManager): void {
    const read = async (): Promise<Array<[number, Record<string, never>]>> => {
      const info = await jsm.streams.info(DEAD_LETTER_STREAM);
      return [[info.state.messages, {}]];
    };
    this.stopGauges.push(
      observeGauge(METRICS.deadLetterStreamMessages, read, (error) => this.gaugeFailed(error)),
    );
  }

  /** Stops reading the gauges, before the pool and the connection close. */
  stop(): void {
    for (const stop of this.stopGauges.splice(0)) stop();
  }

  private gaugeFailed(error: unknown): void {
    if (Date.now() - this.lastGaugeErrorLog < GAUGE_ERROR_LOG_INTERVAL_MS) return;
    this.lastGaugeErrorLog = Date.now();
    this.log.warn({ err: error }, 'reading a messaging gauge failed; the scrape goes on without it');
  }
}
