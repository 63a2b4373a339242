import { jetstream, jetstreamManager } from '@nats-io/jetstream';

import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Service } from '@nats-io/services';
import type { FastifyBaseLogger } from 'fastify';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Static, TSchema } from 'typebox';

import type { EventDefinition, RpcDefinition } from '@atlas/contracts';
import {
  callRpc,
  createEventConsumer,
  createOutboxRelay,
  ensureConsumer,
  ensureDeadLetterStream,
  ensureStream,
  serveRpc,
} from '@atlas/messaging';
import type {
  CallRpcOptions,
  ConsumerDeliveryOptions,
  EventConsumer,
  EventHandler,
  OutboxRelay,
  RpcHandler,
} from '@atlas/messaging';

import type { EventBusSettings } from './event-bus-settings';
import { MessagingMetrics } from './messaging-metrics';

// Handlers of different payload types share one list, so their types are erased here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRpcHandler = RpcHandler<any, any>;

interface Subscription {
  definition: EventDefinition;
  handler: EventHandler<unknown>;
  delivery: ConsumerDeliveryOptions;
}

/**
 * The messaging of one service process: durable consumers, request/reply operations and the outbox
 * relay. Everything is declared while the app is built and started once NATS is connected.
 */
export class EventBus {
  private readonly subscriptions: Subscription[] = [];
  private readonly rpcHandlers: AnyRpcHandler[] = [];
  private readonly consumers: EventConsumer[] = [];
  private relay: OutboxRelay | undefined;
  private rpcService: Service | undefined;
  private running: Promise<void> | undefined;
  private ready = false;
  private closed = false;
  private readonly closing = new AbortController();
  private readonly metrics: MessagingMetrics;
  private gaugesObserved = false;

  constructor(
    private readonly settings: EventBusSettings,
    private readonly connected: () => Promise<NatsConnection>,
    private readonly pool: () => Pool,
    private readonly log: FastifyBaseLogger,
  ) {
    this.metrics = new MessagingMetrics(log);
  }

  /** Applies each event of `definition` once, through the service's inbox, in one transaction with `handler`. */
  consume<Data extends TSchema>(
    definition: EventDefinition<Data>,
    handler: EventHandler<Static<Data>>,
    delivery: Partial<ConsumerDeliveryOptions> = {},
  ): void {
    this.assertDeclaring('consume');
    if (!this.settings.schema)
      throw new Error(`${this.settings.service} has no schema, so it cannot consume events.`);
    this.subscriptions.push({
      definition,
      handler: handler as EventHandler<unknown>,
      delivery: { ...this.settings.delivery, ...delivery },
    });
  }

  /** Serves request/reply operations in the service's queue group. */
  serve(handlers: AnyRpcHandler[]): void {
    this.assertDeclaring('serve');
    this.rpcHandlers.push(...handlers);
  }

  /** Calls another service's operation; rejects with `RpcCallError` on an error reply or time-out. */
  async call<Request extends TSchema, Result extends TSchema>(
    definition: RpcDefinition<Request, Result>,
    request: Static<Request>,
    options: CallRpcOptions = {},
  ): Promise<Static<Result>> {
    const nc = await this.connected();
    return callRpc(nc, definition, request, options);
  }

  /** Returns true once streams, consumers, operations and the relay are running. */
  isReady(): boolean {
    return this.ready;
  }

  /** Starts everything declared, retrying in the background until NATS and PostgreSQL are reachable. */
  start(): Promise<void> {
    this.running ??= this.startWithRetries();
    return this.running;
  }

  /** Stops consumers, the relay and the operations; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    // A start waiting for NATS gives up at once; one already provisioning finishes first, so that
    // everything it started is stopped below.
    await this.running?.catch(() => undefined);
    this.metrics.stop();
    await Promise.allSettled(this.consumers.map((consumer) => consumer.stop()));
    await this.relay?.stop();
    await this.rpcService?.stop().catch((error: unknown) => {
      this.log.warn({ err: error }, 'stopping the request/reply service failed');
    });
  }

  private assertDeclaring(action: string): void {
    if (this.running)
      throw new Error(`eventBus.${action} must be called while the app is built, before it starts.`);
  }

  private async startWithRetries(): Promise<void> {
    let delayMs = 500;
    while (!this.closed) {
      try {
        await this.startOnce(await this.untilClosed(this.connected()));
        if (this.closed) return;
        this.ready = true;
        this.log.info(
          {
            consumers: this.subscriptions.length,
            operations: this.rpcHandlers.length,
            relay: this.settings.relay,
          },
          'event bus started',
        );
        return;
      } catch (error) {
        if (this.closed) return;
        this.log.error({ err: error, retryInMs: delayMs }, 'starting the event bus failed; retrying');
        await this.untilClosed(new Promise((resolve) => setTimeout(resolve, delayMs))).catch(() => undefined);
        delayMs = Math.min(delayMs * 2, 10_000);
      }
    }
  }

  /** Settles with `promise`, or rejects as soon as the bus closes, so a close never waits on NATS. */
  private untilClosed<T>(promise: Promise<T>): Promise<T> {
    const signal = this.closing.signal;
    if (signal.aborted) return Promise.reject(new Error('event bus closed'));
    return new Promise<T>((resolve, reject) => {
      const onClose = () => reject(new Error('event bus closed'));
      signal.addEventListener('abort', onClose, { once: true });
      void promise.then(
        (value) => {
          signal.removeEventListener('abort', onClose);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onClose);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private async startOnce(nc: NatsConnection): Promise<void> {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const log = this.log as unknown as Logger;
    const { service, schema, retention } = this.settings;

    await ensureDeadLetterStream(jsm, retention);
    this.observeGauges(jsm);
    if (this.settings.relay && schema) {
      await ensureStream(jsm, service, retention);
      this.relay ??= createOutboxRelay({
        pool: this.pool(),
        schema,
        js,
        log,
        metrics: this.metrics.relay(schema),
      });
      await this.relay.start();
    }
    for (const subscription of this.subscriptions.slice(this.consumers.length)) {
      await ensureStream(jsm, subscription.definition.service, retention);
      const durable = await ensureConsumer(jsm, service, subscription.definition, subscription.delivery);
      const consumer = createEventConsumer({
        js,
        pool: this.pool(),
        schema: schema as string,
        consumer: durable,
        service,
        definition: subscription.definition,
        handler: subscription.handler,
        log,
        maxDeliver: subscription.delivery.maxDeliver,
        ackWaitMs: subscription.delivery.ackWaitMs,
        metrics: this.metrics.consumer(durable),
      });
      await consumer.start();
      this.consumers.push(consumer);
    }
    if (this.rpcHandlers.length > 0 && !this.rpcService) {
      this.rpcService = await serveRpc(nc, {
        service,
        version: this.settings.rpcVersion,
        description: `Atlas Verify ${service} operations`,
        handlers: this.rpcHandlers,
        log,
        metrics: this.metrics.rpcServer(),
      });
    }
  }

  private observeGauges(jsm: JetStreamManager): void {
    if (this.gaugesObserved) return;
    this.gaugesObserved = true;
    this.metrics.observeDeadLetterStream(jsm);
    if (this.settings.relay && this.settings.schema)
      this.metrics.observeOutboxBacklog(this.pool(), this.settings.schema);
  }
}
