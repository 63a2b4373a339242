import { v7 as uuidv7 } from 'uuid';

import { EventMetadataSchema } from '@atlas/contracts';
import type { EventDefinition, EventEnvelope } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import type { Static, TSchema } from 'typebox';

import { MessagingError } from '../errors';
import { HEADERS } from '../headers';
import { describeIssues, validateAgainst } from '../schema-validation';
import { qualifiedTable } from '../sql-identifiers';
import { recordEventCreation } from '../tracing/message-tracing';

/** Caller-supplied facts about a change. The library adds id, type, version, source and time. */
export interface AppendEventInput<Data> {
  entityId: string;
  /** Version of the entity after the change. */
  entityVersion: number;
  data: Data;
  /** Trace context used when no span is active; inside a span the event continues that span's trace. */
  traceparent?: string;
  correlationId?: string;
}

function buildEnvelope<Data extends TSchema>(
  definition: EventDefinition<Data>,
  input: AppendEventInput<Static<Data>>,
): EventEnvelope<Static<Data>> {
  const id = uuidv7();
  const envelope: EventEnvelope<Static<Data>> = {
    id,
    type: definition.type,
    version: definition.version,
    source: definition.service,
    time: new Date().toISOString(),
    entityId: input.entityId,
    entityVersion: input.entityVersion,
    data: input.data,
  };
  const traceparent = recordEventCreation(definition.subject, id) ?? input.traceparent;
  if (traceparent) envelope.traceparent = traceparent;
  if (input.correlationId) envelope.correlationId = input.correlationId;
  return envelope;
}

function assertValid(definition: EventDefinition, envelope: EventEnvelope): void {
  const { data, ...metadata } = envelope;
  const issues = [
    ...validateAgainst(EventMetadataSchema, metadata),
    ...validateAgainst(definition.schema, data).map((issue) => ({ ...issue, path: `/data${issue.path}` })),
  ];
  if (issues.length === 0) return;
  throw new MessagingError(
    'MESSAGING_ERR_INVALID_EVENT',
    `Invalid ${definition.subject} event: ${describeIssues(issues)}`,
    { details: { issues } },
  );
}

/** Header values the relay copies into the NATS message. */
export function outboxHeaders(envelope: EventEnvelope): Record<string, string> {
  const headers: Record<string, string> = { [HEADERS.eventType]: envelope.type };
  if (envelope.traceparent) headers[HEADERS.traceparent] = envelope.traceparent;
  if (envelope.correlationId) headers[HEADERS.correlationId] = envelope.correlationId;
  return headers;
}

/**
 * Validates an event and writes it to the outbox in the caller's transaction, so the event exists
 * exactly when the state change commits. Inside an active span it records a PRODUCER span whose
 * traceparent the row keeps, so the relay publishes it and consumers continue the trace. Returns
 * the envelope the relay will publish.
 */
export async function appendEvent<Data extends TSchema>(
  executor: SqlExecutor,
  schema: string,
  definition: EventDefinition<Data>,
  input: AppendEventInput<Static<Data>>,
): Promise<EventEnvelope<Static<Data>>> {
  const envelope = buildEnvelope(definition, input);
  assertValid(definition, envelope);

  await executor.query(
    `INSERT INTO ${qualifiedTable(schema, 'outbox_events')} (id, subject, headers, payload)
     VALUES ($1, $2, $3, $4)`,
    [envelope.id, definition.subject, JSON.stringify(outboxHeaders(envelope)), JSON.stringify(envelope)],
  );
  return envelope;
}
