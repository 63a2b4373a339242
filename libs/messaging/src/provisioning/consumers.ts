import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';

import type { ConsumerConfig, JetStreamManager } from '@nats-io/jetstream';

import { durableConsumerName } from '@atlas/contracts';

import type { EventDefinition, ServiceName } from '@atlas/contracts';

import { MessagingError } from '../errors';

/** Redelivery settings of a durable consumer. */
export interface ConsumerDeliveryOptions {
  /** How many times the server delivers one message before it stops. */
  maxDeliver: number;
  /** How long the server waits for an ack before it redelivers, in milliseconds. */
  ackWaitMs: number;
  /**
   * Delays between redeliveries after an ack timeout, in milliseconds. The server requires fewer
   * entries than `maxDeliver`, and it replaces `ackWaitMs` with the first entry.
   */
  backoffMs?: number[];
}

function isNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound;
}

function buildConfig(
  durable: string,
  definition: EventDefinition,
  options: ConsumerDeliveryOptions,
): Partial<ConsumerConfig> {
  const config: Partial<ConsumerConfig> = {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: definition.subject,
    max_deliver: options.maxDeliver,
    ack_wait: nanos(options.ackWaitMs),
    // Always sent, even empty: an update that leaves the field out keeps the consumer's old backoff,
    // and with it an ack wait equal to the backoff's first entry.
    backoff: (options.backoffMs ?? []).map((delay) => nanos(delay)),
  };
  return config;
}

/** Compares as the server stores it: an empty backoff is not stored at all. */
function comparable(key: string, value: unknown): string {
  if (key === 'backoff' && Array.isArray(value) && value.length === 0) return JSON.stringify(undefined);
  return JSON.stringify(value);
}

function differs(wanted: Partial<ConsumerConfig>, current: ConsumerConfig): boolean {
  return Object.entries(wanted).some(
    ([key, value]) => comparable(key, current[key as keyof ConsumerConfig]) !== comparable(key, value),
  );
}

/**
 * Ensures the durable pull consumer through which `consumerService` reads one event, named by
 * `durableConsumerName`, with explicit acks and bounded redelivery. Returns the durable name.
 */
export async function ensureConsumer(
  jsm: JetStreamManager,
  consumerService: ServiceName,
  definition: EventDefinition,
  options: ConsumerDeliveryOptions,
): Promise<string> {
  const durable = durableConsumerName(consumerService, definition);
  const wanted = buildConfig(durable, definition, options);
  try {
    const info = await jsm.consumers.info(definition.stream, durable).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    if (!info) await jsm.consumers.add(definition.stream, wanted);
    else if (differs(wanted, info.config)) await jsm.consumers.update(definition.stream, durable, wanted);
    return durable;
  } catch (error) {
    throw new MessagingError(
      'MESSAGING_ERR_PROVISIONING_FAILED',
      `Failed to provision consumer ${durable} on stream ${definition.stream}`,
      { cause: error },
    );
  }
}
