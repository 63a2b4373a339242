import { SpanKind } from '@opentelemetry/api';

import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Static, TSchema } from 'typebox';

import { SERVICES, deadLetterSubject } from '@atlas/contracts';
import type { EventDefinition, ServiceName } from '@atlas/contracts';

import { MessagingError } from '../errors';
import { EVENT_PAYLOAD_BUCKET, LargePayloadStore } from '../payloads/large-payload-store';
import { validateSchemaName } from '../sql-identifiers';
import { extractTraceContext, withMessagingSpan } from '../tracing/message-tracing';
import { publishDeadLetter } from './dead-letter';
import { decodeEvent } from './event-validation';
import { applyOnce } from './inbox-transaction';

import type { EventConsumerMetrics } from '../metrics';
import type { EventHandler } from './inbox-transaction';

/** Settings of {@link createEventConsumer}. */
export interface EventConsumerOptions<Data extends TSchema> {
  js: JetStreamClient;
  pool: Pool;
  /** Schema of the consuming service, which contains its `inbox_events` table. */
  schema: string;
  /** Durable consumer name, as returned by `ensureConsumer`. */
  consumer: string;
  /** Consuming service; by default the first token of the durable name. */
  service?: ServiceName;
  definition: EventDefinition<Data>;
  handler: EventHandler<Static<Data>>;
  log: Logger;
  /** Deliveries after which a failing event is dead-lettered; match the consumer's `max_deliver`. */
  maxDeliver: number;
  /** Delay before redelivery after a failure, indexed by delivery count (the last entry repeats). */
  retryDelaysMs?: number[];
  /**
   * Messages the server may push ahead of processing. Their ack wait runs while they wait, so keep
   * it small against the ack wait divided by the time one event takes.
   */
  prefetch?: number;
  /**
   * The consumer's ack wait in milliseconds. While an event is handled, the consumer sends the server a
   * progress ack every third of it, so a slow handler is not redelivered meanwhile.
   */
  ackWaitMs?: number;
  largePayloads?: LargePayloadStore;
  metrics?: EventConsumerMetrics;
}

/** A running consumer of one event. */
export interface EventConsumer {
  start(): Promise<void>;
  /** Finishes the message in flight, then stops pulling; safe to call twice. */
  stop(): Promise<void>;
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000];
const DEFAULT_PREFETCH = 4;
const DEFAULT_ACK_WAIT_MS = 30_000;
const PAYLOAD_TTL_SECONDS = 8 * 24 * 3_600;

function consumingService(options: EventConsumerOptions<TSchema>): ServiceName {
  if (options.service) return options.service;
  const prefix = options.consumer.split('_')[0];
  const service = SERVICES.find((name) => name === prefix);
  if (service) return service;
  throw new MessagingError(
    'MESSAGING_ERR_INVALID_CONSUMER',
    `Cannot tell the consuming service from consumer name ${options.consumer}; pass the service option.`,
  );
}

class PullEventConsumer<Data extends TSchema> implements EventConsumer {
  private readonly log: Logger;
  private readonly payloads: LargePayloadStore;
  private readonly deadLetterSubject: string;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(private readonly options: EventConsumerOptions<Data>) {
    validateSchemaName(options.schema);
    this.deadLetterSubject = deadLetterSubject(
      consumingService(options as EventConsumerOptions<TSchema>),
      options.consumer,
    );
    this.log = options.log.child({ component: 'event-consumer', consumer: options.consumer });
    this.payloads =
      options.largePayloads ??
      new LargePayloadStore(options.js, { bucket: EVENT_PAYLOAD_BUCKET, ttlSeconds: PAYLOAD_TTL_SECONDS });
  }

  async start(): Promise<void> {
    if (this.messages) return;
    const consumer = await this.options.js.consumers.get(
      this.options.definition.stream,
      this.options.consumer,
    );
    this.messages = await consumer.consume({ max_messages: this.options.prefetch ?? DEFAULT_PREFETCH });
    this.loop = this.run(this.messages);
    this.log.info({ subject: this.options.definition.subject }, 'Event consumer started');
  }

  async stop(): Promise<void> {
    const messages = this.messages;
    if (!messages) return;
    this.messages = undefined;
    // Closing ends the iteration after the message in flight; unprocessed ones are redelivered later.
    await messages.close();
    await this.loop;
    this.log.info('Event consumer stopped');
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      await this.processInProgress(message);
      if (this.messages !== messages) break;
    }
  }

  private async processInProgress(message: JsMsg): Promise<void> {
    const ackWaitMs = this.options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
    message.working();
    const heartbeat = setInterval(() => message.working(), Math.max(100, Math.floor(ackWaitMs / 3)));
    try {
      await this.processInSpan(message);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Processes a message inside a CONSUMER span, a child of the span that created the event. */
  private processInSpan(message: JsMsg): Promise<void> {
    const span = {
      name: `process ${message.subject}`,
      kind: SpanKind.CONSUMER,
      parent: extractTraceContext(message.headers),
      attributes: {
        'messaging.system': 'nats',
        'messaging.operation.type': 'process',
        'messaging.destination.name': message.subject,
        'messaging.consumer.group.name': this.options.consumer,
        // The relay publishes each event with its id as the JetStream message id.
        'messaging.message.id': message.headers?.get('Nats-Msg-Id') || undefined,
        'messaging.nats.delivery_count': message.info.deliveryCount,
      },
    };
    if (message.info.deliveryCount > 1) this.options.metrics?.redelivered();
    return withMessagingSpan(span, () => this.process(message));
  }

  private async process(message: JsMsg): Promise<void> {
    let body: Uint8Array;
    try {
      body = await this.payloads.resolve(message.headers, message.data);
    } catch (error) {
      if (error instanceof MessagingError) return this.deadLetter(message, error.message);
      return this.retry(message, error, undefined);
    }

    const decoded = decodeEvent(this.options.definition, body);
    if (!decoded.ok) return this.deadLetter(message, decoded.reason, decoded.eventId);

    try {
      const applied = await applyOnce(
        this.options.pool,
        this.options.schema,
        this.options.consumer,
        decoded.event as Parameters<EventHandler<Static<Data>>>[0],
        message.subject,
        this.options.handler,
      );
      message.ack();
      this.options.metrics?.processed(applied ? 'applied' : 'duplicate');
    } catch (error) {
      await this.retry(message, error, decoded.event.id);
    }
  }

  private async retry(message: JsMsg, error: unknown, eventId: string | undefined): Promise<void> {
    const deliveryCount = message.info.deliveryCount;
    if (deliveryCount >= this.options.maxDeliver) {
      const reason = `Failed after ${deliveryCount} deliveries: ${(error as Error)?.message ?? String(error)}`;
      return this.deadLetter(message, reason, eventId, error);
    }
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const delay = delays[Math.min(deliveryCount, delays.length) - 1] ?? 0;
    this.log.warn(
      { err: error, eventId, deliveryCount, retryInMs: delay },
      'Event handling failed; will retry',
    );
    message.nak(delay);
    this.options.metrics?.processed('retried');
  }

  private async deadLetter(message: JsMsg, reason: string, eventId?: string, error?: unknown): Promise<void> {
    try {
      await publishDeadLetter(this.options.js, message, {
        subject: this.deadLetterSubject,
        consumer: this.options.consumer,
        reason,
        eventId,
      });
    } catch (publishError) {
      // Without a dead letter the message must stay on its stream, so it is retried instead.
      this.log.error({ err: publishError, eventId }, 'Dead-letter publish failed; will retry the event');
      message.nak(DEFAULT_RETRY_DELAYS_MS[0]);
      return;
    }
    message.term(reason.slice(0, 256));
    this.options.metrics?.processed('dead_lettered');
    this.log.error(
      { err: error, eventId, subject: message.subject, deliveryCount: message.info.deliveryCount, reason },
      `Event ${eventId ?? '(no id)'} dead-lettered to ${this.deadLetterSubject}`,
    );
  }
}

/**
 * Creates a consumer that applies each event id at most once: the inbox row and the handler's writes
 * commit together, and a redelivered event whose id the inbox contains is acknowledged unapplied.
 * Invalid events are dead-lettered at once; failing ones after `maxDeliver` deliveries.
 *
 * NOTE: If the process dies while handling the last allowed delivery, the server stops redelivering
 * without a dead letter; it emits a JetStream MAX_DELIVERIES advisory for that message instead.
 */
export function createEventConsumer<Data extends TSchema>(
  options: EventConsumerOptions<Data>,
): EventConsumer {
  return new PullEventConsumer(options);
}
