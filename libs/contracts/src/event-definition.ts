import type { Static, TSchema } from 'typebox';

import type { ServiceName } from './envelope';

/**
 * One event of the system: its subject (`atlas.<service>.<entity>.<event>.v<N>`), the stream that
 * stores it, and the schema of its payload. A change to a payload is a new definition with the next
 * version, published beside the old one until every consumer has moved.
 */
export interface EventDefinition<Data extends TSchema = TSchema> {
  /** Publishing service. */
  service: ServiceName;
  /** Entity the event is about, lower snake case. */
  entity: string;
  /** What happened, in the past tense. */
  event: string;
  version: number;
  /** Full NATS subject. */
  subject: string;
  /** Event type: the subject without its version token. */
  type: string;
  /** JetStream stream of the publishing service. */
  stream: string;
  /** Whether outside systems may subscribe; public payloads carry no e-mail addresses, notes or evidence. */
  public: boolean;
  schema: Data;
}

export type EventData<Definition extends EventDefinition> = Static<Definition['schema']>;

/** Name of the JetStream stream of a publishing service: its name in upper snake case. */
export function streamName(service: ServiceName): string {
  return service.toUpperCase().replace(/-/g, '_');
}

/** Builds an event definition from its parts, deriving the subject, type and stream names. */
export function defineEvent<Data extends TSchema>(parts: {
  service: ServiceName;
  entity: string;
  event: string;
  version: number;
  public: boolean;
  schema: Data;
}): EventDefinition<Data> {
  const type = `atlas.${parts.service}.${parts.entity}.${parts.event}`;
  return { ...parts, type, subject: `${type}.v${parts.version}`, stream: streamName(parts.service) };
}

/** Durable consumer name: who consumes, which event, which version (`matching_record_stored_v1`). */
export function durableConsumerName(consumer: ServiceName, definition: EventDefinition): string {
  return `${consumer}_${definition.entity}_${definition.event}_v${definition.version}`;
}

/** Dead-letter subject of one consumer of a service. */
export function deadLetterSubject(service: ServiceName, consumer: string): string {
  return `atlas.dlq.${service}.${consumer}`;
}
