import type { ServiceName } from '@atlas/contracts';
import type { ConsumerDeliveryOptions, StreamRetentionOptions } from '@atlas/messaging';

/** Stream retention every service provisions alike, so the service that creates a stream first sets the same limits. */
export const DEFAULT_STREAM_RETENTION: StreamRetentionOptions = {
  maxAgeSeconds: 7 * 24 * 3_600,
  duplicateWindowSeconds: 120,
};

/**
 * Redelivery policy of durable consumers unless a subscription sets its own. It sets no consumer
 * backoff, because the server then takes the backoff's first entry as the ack wait (seen with
 * nats-server 2.9.10), which redelivers events that are still being handled. A failed event is
 * retried after the consumer's own nak delays instead.
 */
export const DEFAULT_DELIVERY: ConsumerDeliveryOptions = {
  maxDeliver: 5,
  ackWaitMs: 30_000,
};

/** Settings of one service's event bus. */
export interface EventBusSettings {
  service: ServiceName;
  /** Schema that contains the service's `outbox_events` and `inbox_events`; required to consume or publish. */
  schema?: string;
  /** Whether this process runs the outbox relay of `schema`. */
  relay: boolean;
  retention: StreamRetentionOptions;
  delivery: ConsumerDeliveryOptions;
  /** Version the NATS services framework reports for the service's operations. */
  rpcVersion: string;
}
