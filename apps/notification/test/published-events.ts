import { headers as natsHeaders } from '@nats-io/nats-core';
import { v7 as uuidv7 } from 'uuid';

import type { JetStreamClient } from '@nats-io/jetstream';
import type { Static, TSchema } from 'typebox';

import { EVENT_EXAMPLES, EventMetadataSchema } from '@atlas/contracts';
import { describeIssues, validateAgainst } from '@atlas/messaging';

import type { EventDefinition, EventEnvelope } from '@atlas/contracts';

/** Returns a deep copy of the contracts' example payload of an event, to change for one test case. */
export function exampleData<Data extends TSchema>(definition: EventDefinition<Data>): Static<Data> {
  const found = EVENT_EXAMPLES.find((example) => example.definition.subject === definition.subject);
  if (!found) throw new Error(`The contracts have no example of ${definition.subject}`);
  return structuredClone(found.data) as Static<Data>;
}

/** Builds an envelope the way the outbox does and checks it against the event's schema. */
export function buildEvent<Data extends TSchema>(
  definition: EventDefinition<Data>,
  data: Static<Data>,
  entity: { entityId: string; entityVersion?: number },
): EventEnvelope<Static<Data>> {
  const envelope: EventEnvelope<Static<Data>> = {
    id: uuidv7(),
    type: definition.type,
    version: definition.version,
    source: definition.service,
    time: new Date().toISOString(),
    entityId: entity.entityId,
    entityVersion: entity.entityVersion ?? 1,
    data,
  };
  const { data: payload, ...metadata } = envelope;
  const issues = [
    ...validateAgainst(EventMetadataSchema, metadata),
    ...validateAgainst(definition.schema, payload),
  ];
  if (issues.length > 0) throw new Error(`Invalid ${definition.subject} event: ${describeIssues(issues)}`);
  return envelope;
}

/** Publishes a raw body on an event's subject with JetStream de-duplication by id, as the relay does. */
export async function publishRaw(
  js: JetStreamClient,
  subject: string,
  id: string,
  body: unknown,
): Promise<void> {
  const headers = natsHeaders();
  headers.set('Nats-Msg-Id', id);
  await js.publish(subject, JSON.stringify(body), { headers });
}

/** Builds, validates and publishes one event; returns its envelope. */
export async function publishEvent<Data extends TSchema>(
  js: JetStreamClient,
  definition: EventDefinition<Data>,
  data: Static<Data>,
  entity: { entityId: string; entityVersion?: number },
): Promise<EventEnvelope<Static<Data>>> {
  const envelope = buildEvent(definition, data, entity);
  await publishRaw(js, definition.subject, envelope.id, envelope);
  return envelope;
}
