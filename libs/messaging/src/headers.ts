/** NATS header names the system sets on events, replies and dead letters. */
export const HEADERS = {
  /** W3C trace context of the change or request. */
  traceparent: 'traceparent',
  /** Correlation id of the request that caused the message. */
  correlationId: 'Atlas-Correlation-Id',
  /** Event type (subject without its version token). */
  eventType: 'Atlas-Event-Type',
  /** Event id, repeated on dead letters; JetStream keeps its own copy in `Nats-Msg-Id`. */
  eventId: 'Atlas-Event-Id',
  /** Object store reference of a payload too large for one message: `<bucket>/<object name>`. */
  payloadReference: 'Atlas-Payload-Ref',
  /** Subject the dead-lettered message was first published on. */
  originalSubject: 'Atlas-Original-Subject',
  /** Reason the message was dead-lettered. */
  deadLetterReason: 'Atlas-Dead-Letter-Reason',
  /** How many times the consumer received the message before giving up. */
  deliveryCount: 'Atlas-Delivery-Count',
} as const;

/** Header values that follow a request or an event from service to service. */
export interface TraceHeaders {
  traceparent?: string;
  correlationId?: string;
}
