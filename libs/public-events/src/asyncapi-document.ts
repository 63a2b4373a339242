import { EventEnvelopeSchema, PUBLIC_EVENTS } from '@atlas/contracts';

import type { EventDefinition } from '@atlas/contracts';

/** Version of the public event contract as a whole; raise it when an event version is added or retired. */
export const PUBLIC_CONTRACT_VERSION = '1.0.0';

/** Plain JSON of a TypeBox schema, without the symbols TypeBox keeps on its objects. */
function jsonSchema(schema: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
}

/** Name of an event in the document: its subject with dots as underscores. */
export function messageName(definition: EventDefinition): string {
  return definition.subject.replace(/\./g, '_');
}

function message(definition: EventDefinition) {
  return {
    name: definition.subject,
    title: `${definition.entity} ${definition.event.replace(/_/g, ' ')} (v${definition.version})`,
    summary: `Published by the ${definition.service} service on stream ${definition.stream}.`,
    contentType: 'application/json',
    headers: {
      type: 'object',
      properties: {
        'Nats-Msg-Id': {
          type: 'string',
          description: 'Event id; JetStream drops a repeated publish of the same id.',
        },
        traceparent: { type: 'string', description: 'W3C trace context of the change.' },
      },
    },
    payload: jsonSchema(EventEnvelopeSchema(definition.schema)),
    bindings: { nats: { bindingVersion: '0.1.0' } },
    'x-atlas-event': {
      type: definition.type,
      version: definition.version,
      stream: definition.stream,
      service: definition.service,
    },
  };
}

/**
 * Builds the AsyncAPI 3 document of the events outside systems may consume, from the same TypeBox
 * schemas the services validate with. Each payload is the whole envelope: metadata plus `data`.
 */
export function buildAsyncApiDocument(events: readonly EventDefinition[] = PUBLIC_EVENTS) {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const definition of events) {
    const name = messageName(definition);
    messages[name] = message(definition);
    channels[name] = {
      address: definition.subject,
      title: definition.subject,
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    operations[`receive_${name}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${name}` },
      messages: [{ $ref: `#/channels/${name}/messages/${name}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Atlas Verify public events',
      version: PUBLIC_CONTRACT_VERSION,
      description:
        'Events other university systems may consume from Atlas Verify over NATS JetStream. Subjects are ' +
        '`atlas.<service>.<entity>.<event>.v<N>`; a changed payload is published under the next version beside ' +
        'the old one. Payloads carry no e-mail addresses, notes or evidence.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:4222',
        protocol: 'nats',
        description: 'The local development stack; connect as the public subscriber user.',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}
