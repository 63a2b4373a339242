import Type from 'typebox';

import type { Static, TSchema } from 'typebox';

import { literalUnion } from './common/literal-union';

/** The services that publish events or serve request/reply operations. */
export const SERVICES = ['ingest', 'matching', 'verification', 'notification', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** W3C trace context header value: version-traceid-spanid-flags. */
export const TraceparentSchema = Type.String({
  pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
});

/** A UUID in canonical text form; the system issues version 7 ids. */
export const UuidSchema = Type.String({
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
});

/**
 * Metadata every event carries next to its payload. The id is also the JetStream `Nats-Msg-Id`, so the
 * server drops a second publish of the same event inside its de-duplication window.
 */
export const EventMetadataSchema = Type.Object({
  /** Event id (UUIDv7), unique across the system. */
  id: UuidSchema,
  /** Event type: the subject without its version token, e.g. `atlas.verification.decision.recorded`. */
  type: Type.String({ pattern: '^atlas(\\.[a-z][a-z_]*){3}$' }),
  /** Schema version of `data`, the `N` of the subject's `vN` token. */
  version: Type.Integer({ minimum: 1 }),
  /** Publishing service. */
  source: literalUnion(SERVICES),
  /** When the change happened, as an RFC 3339 timestamp. */
  time: Type.String({ format: 'date-time' }),
  /** Id of the entity the event is about. */
  entityId: Type.String({ minLength: 1, maxLength: 512 }),
  /** Version of that entity after the change; consumers ignore versions older than what they hold. */
  entityVersion: Type.Integer({ minimum: 0 }),
  /** Trace context of the change, so a trace follows the event across services. */
  traceparent: Type.Optional(TraceparentSchema),
  /** Correlation id of the request that caused the change. */
  correlationId: Type.Optional(Type.String({ maxLength: 128 })),
});
export type EventMetadata = Static<typeof EventMetadataSchema>;

/** An event as it travels on the bus: metadata plus the payload its definition describes. */
export function EventEnvelopeSchema<Data extends TSchema>(data: Data) {
  return Type.Intersect([EventMetadataSchema, Type.Object({ data })]);
}
export type EventEnvelope<Data = unknown> = EventMetadata & { data: Data };
