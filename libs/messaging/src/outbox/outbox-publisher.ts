import { headers as createHeaders } from '@nats-io/nats-core';

import type { JetStreamClient, PubAck } from '@nats-io/jetstream';

import { HEADERS } from '../headers';

import type { LargePayloadStore } from '../payloads/large-payload-store';

/** An outbox row as the relay reads it. */
export interface OutboxRow {
  id: string;
  subject: string;
  headers: Record<string, string>;
  payload: unknown;
  created_at: Date;
}

/** Outcome of one batch: acknowledged rows and the failures, in claim order. */
export interface PublishBatchResult {
  sentIds: string[];
  duplicates: number;
  failures: { id: string; error: unknown }[];
}

async function publishRow(js: JetStreamClient, payloads: LargePayloadStore, row: OutboxRow): Promise<PubAck> {
  const messageHeaders = createHeaders();
  for (const [name, value] of Object.entries(row.headers)) messageHeaders.set(name, value);

  const encoded = new TextEncoder().encode(JSON.stringify(row.payload));
  const outgoing = await payloads.prepare(row.id, encoded);
  if (outgoing.reference) messageHeaders.set(HEADERS.payloadReference, outgoing.reference);

  // The event id as Nats-Msg-Id lets the stream drop a second publish of a row whose "sent" mark was lost.
  return js.publish(row.subject, outgoing.body, { msgID: row.id, headers: messageHeaders });
}

/**
 * Publishes a batch of rows without waiting between them, then awaits every acknowledgement, so a
 * batch costs about one round trip instead of one per event.
 */
export async function publishBatch(
  js: JetStreamClient,
  payloads: LargePayloadStore,
  rows: readonly OutboxRow[],
): Promise<PublishBatchResult> {
  const settled = await Promise.allSettled(rows.map((row) => publishRow(js, payloads, row)));

  const result: PublishBatchResult = { sentIds: [], duplicates: 0, failures: [] };
  settled.forEach((outcome, index) => {
    const id = rows[index]!.id;
    if (outcome.status === 'rejected') {
      result.failures.push({ id, error: outcome.reason });
      return;
    }
    result.sentIds.push(id);
    if (outcome.value.duplicate) result.duplicates += 1;
  });
  return result;
}
