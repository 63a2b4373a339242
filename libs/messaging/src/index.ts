/**
 * Messaging over NATS JetStream for every service.
 *
 * - `connectNats` opens a connection that reconnects forever and drains on close.
 * - `ensureStream`, `ensureDeadLetterStream` and `ensureConsumer` provision streams and durable pull
 *   consumers; each call creates what is missing and updates settings that differ.
 * - `appendEvent` writes an event to the service's `outbox_events` table inside the caller's
 *   transaction. `createOutboxRelay` publishes those rows, which the stream de-duplicates by event id,
 *   and purges processed outbox and inbox rows.
 * - `createEventConsumer` applies each event once, recording its id in `inbox_events` in the same
 *   transaction as the handler's writes, and dead-letters invalid or repeatedly failing events to
 *   `atlas.dlq.<service>.<consumer>`.
 * - `serveRpc` and `callRpc` carry request/reply over the NATS services framework with
 *   `{ ok, result | error }` replies.
 * - Bodies above about 900 KB travel through a JetStream object store (`LargePayloadStore`).
 * - `storePayload` and `openPayload` keep a payload in an object store behind a `PayloadReference`
 *   that a reply or event carries instead, and check its size and digest on reading.
 */
export { connectNats } from './connection';
export type { ConnectNatsOptions, MessagingConnection } from './connection';
export { serversWithCredentials } from './server-credentials';
export { MessagingError, MESSAGING_ERROR_CODES } from './errors';
export type { MessagingErrorCode } from './errors';
export { HEADERS } from './headers';
export type { TraceHeaders } from './headers';
export type { EventConsumerMetrics, OutboxRelayMetrics, RpcServerMetrics } from './metrics';
export { validateSchemaName, outboxChannel } from './sql-identifiers';
export { validateAgainst, describeIssues } from './schema-validation';
export type { ValidationIssue } from './schema-validation';
export { ensureStream, ensureDeadLetterStream, DEAD_LETTER_STREAM } from './provisioning/streams';
export type { StreamRetentionOptions } from './provisioning/streams';
export { ensureConsumer } from './provisioning/consumers';
export type { ConsumerDeliveryOptions } from './provisioning/consumers';
export { appendEvent } from './outbox/append-event';
export type { AppendEventInput } from './outbox/append-event';
export { createOutboxRelay } from './outbox/outbox-relay';
export type { OutboxRelay, OutboxRelayOptions } from './outbox/outbox-relay';
export type { OutboxPurgeOptions } from './outbox/outbox-purge-job';
export { purgeInboxEvents, purgeSentOutboxEvents } from './outbox/outbox-purge';
export {
  LargePayloadStore,
  DEFAULT_LARGE_PAYLOAD_THRESHOLD_BYTES,
  EVENT_PAYLOAD_BUCKET,
  RPC_PAYLOAD_BUCKET,
} from './payloads/large-payload-store';
export type { LargePayloadStoreOptions } from './payloads/large-payload-store';
export { openPayload, storePayload } from './payloads/payload-references';
export type { PayloadBucketOptions } from './payloads/payload-references';
export { createEventConsumer } from './inbox/event-consumer';
export type { EventConsumer, EventConsumerOptions } from './inbox/event-consumer';
export type { EventHandler } from './inbox/inbox-transaction';
export { serveRpc, rpcHandler, createRpcPayloadStore } from './rpc/serve-rpc';
export type { RpcContext, RpcHandler, ServeRpcOptions } from './rpc/serve-rpc';
export { callRpc } from './rpc/call-rpc';
export type { CallRpcOptions } from './rpc/call-rpc';
export { RpcCallError, RpcHandlerError } from './rpc/rpc-errors';
