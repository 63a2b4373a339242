import { EventEnvelopeSchema } from '@atlas/contracts';
import type { EventDefinition, EventEnvelope } from '@atlas/contracts';

import type { TSchema } from 'typebox';

import { describeIssues, validateAgainst } from '../schema-validation';

// One envelope schema per definition, so the compiled validator cache keeps hitting.
const envelopeSchemas = new WeakMap<EventDefinition, TSchema>();

function envelopeSchemaOf(definition: EventDefinition): TSchema {
  let schema = envelopeSchemas.get(definition);
  if (!schema) {
    schema = EventEnvelopeSchema(definition.schema);
    envelopeSchemas.set(definition, schema);
  }
  return schema;
}

/** Result of decoding a received event: the envelope, or why it cannot be processed. */
export type DecodedEvent =
  { ok: true; event: EventEnvelope } | { ok: false; reason: string; eventId?: string };

function eventIdOf(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** Parses and validates a received body against the envelope and the definition's payload schema. */
export function decodeEvent(definition: EventDefinition, body: Uint8Array): DecodedEvent {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(body));
  } catch (error) {
    return { ok: false, reason: `Invalid JSON: ${(error as Error).message}` };
  }

  const eventId = eventIdOf(value);
  const issues = validateAgainst(envelopeSchemaOf(definition), value);
  if (issues.length > 0) return { ok: false, reason: `Invalid event: ${describeIssues(issues)}`, eventId };

  const event = value as EventEnvelope;
  if (event.type !== definition.type || event.version !== definition.version) {
    const reason = `Event type ${event.type} v${event.version} does not match ${definition.subject}`;
    return { ok: false, reason, eventId };
  }
  return { ok: true, event };
}
