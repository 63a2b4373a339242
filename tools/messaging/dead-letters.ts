import { headers as createHeaders } from '@nats-io/nats-core';

import type { JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';

import { DEAD_LETTER_STREAM, HEADERS } from '@atlas/messaging';

/** One message of the dead-letter stream, with the facts the consumer wrote when it gave up. */
export interface DeadLetterEntry {
  /** Sequence in the dead-letter stream. */
  sequence: number;
  /** Dead-letter subject, `atlas.dlq.<service>.<consumer>`. */
  subject: string;
  originalSubject: string | undefined;
  eventId: string | undefined;
  reason: string | undefined;
  deliveryCount: number | undefined;
  /** When the consumer dead-lettered the message. */
  time: string;
}

/** Outcome of a re-drive: the entries published again, and those skipped because they lack their origin. */
export interface RedriveResult {
  redriven: DeadLetterEntry[];
  skipped: DeadLetterEntry[];
}

/** Subject filter of one consumer's dead letters, or of every consumer's. */
export function deadLetterFilter(consumer: string | undefined): string {
  if (!consumer) return 'atlas.dlq.>';
  if (!/^[a-z]+_[a-z0-9_]+_v\d+$/.test(consumer)) {
    throw new Error(
      `Invalid consumer name "${consumer}": expected <service>_<event>_v<N>, e.g. notification_decision_recorded_v1`,
    );
  }
  return `atlas.dlq.${consumer.split('_')[0]}.${consumer}`;
}

function entryOf(message: JsMsg): DeadLetterEntry {
  const header = (name: string) => message.headers?.get(name) || undefined;
  const deliveries = header(HEADERS.deliveryCount);
  return {
    sequence: message.seq,
    subject: message.subject,
    originalSubject: header(HEADERS.originalSubject),
    eventId: header(HEADERS.eventId),
    reason: header(HEADERS.deadLetterReason),
    deliveryCount: deliveries === undefined ? undefined : Number(deliveries),
    time: new Date(message.info.timestampNanos / 1_000_000).toISOString(),
  };
}

/** Reads the dead letters under `filter`, oldest first, at most `limit`, without removing them. */
async function readDeadLetters(js: JetStreamClient, filter: string, limit: number): Promise<JsMsg[]> {
  // An ordered consumer reads the stream without acknowledgements and is removed by the server afterwards.
  // One filter as a string, because a list of filters needs nats-server 2.10 or newer.
  const consumer = await js.consumers
    .get(DEAD_LETTER_STREAM, { filter_subjects: filter })
    .catch((error: unknown) => {
      if (!/stream not found/i.test((error as Error)?.message ?? '')) throw error;
      throw new Error(
        `No ${DEAD_LETTER_STREAM} stream on this server: no service has started against it yet, or NATS_URL names another server.`,
        { cause: error },
      );
    });
  const messages: JsMsg[] = [];
  while (messages.length < limit) {
    const message = await consumer.next({ expires: 1_000 });
    if (!message) break;
    messages.push(message);
    if (message.info.pending === 0) break;
  }
  return messages;
}

/** Lists the dead letters of one consumer (or of all), oldest first. */
export async function listDeadLetters(
  js: JetStreamClient,
  consumer: string | undefined,
  limit = 1_000,
): Promise<DeadLetterEntry[]> {
  return (await readDeadLetters(js, deadLetterFilter(consumer), limit)).map(entryOf);
}

/**
 * Publishes dead letters again on their original subject with their original headers, then deletes
 * them from the dead-letter stream. Every consumer of that subject receives the event again, and
 * those that applied it before skip it by its id in their inbox. The publish gets a new message id
 * (`<event id>:redrive:<sequence>`), or the stream's de-duplication window would drop it.
 */
export async function redriveDeadLetters(
  js: JetStreamClient,
  jsm: JetStreamManager,
  options: { consumer?: string; limit?: number; dryRun?: boolean },
): Promise<RedriveResult> {
  const messages = await readDeadLetters(js, deadLetterFilter(options.consumer), options.limit ?? 1_000);
  const result: RedriveResult = { redriven: [], skipped: [] };
  for (const message of messages) {
    const entry = entryOf(message);
    if (!entry.originalSubject) {
      result.skipped.push(entry);
      continue;
    }
    if (!options.dryRun) {
      await js.publish(entry.originalSubject, message.data, {
        headers: originalHeaders(message),
        msgID: `${entry.eventId ?? 'unknown'}:redrive:${entry.sequence}`,
      });
      await jsm.streams.deleteMessage(DEAD_LETTER_STREAM, entry.sequence);
    }
    result.redriven.push(entry);
  }
  return result;
}

/** Removes dead letters without publishing them again; returns how many were removed. */
export async function purgeDeadLetters(jsm: JetStreamManager, consumer: string | undefined): Promise<number> {
  const response = await jsm.streams.purge(DEAD_LETTER_STREAM, { filter: deadLetterFilter(consumer) });
  return response.purged;
}

const DEAD_LETTER_ONLY_HEADERS = new Set(
  [HEADERS.originalSubject, HEADERS.deadLetterReason, HEADERS.deliveryCount].map((name) =>
    name.toLowerCase(),
  ),
);

// The headers the event was first published with, so the consumer sees trace context and type as before.
function originalHeaders(message: JsMsg) {
  const result = createHeaders();
  for (const name of message.headers?.keys() ?? []) {
    if (DEAD_LETTER_ONLY_HEADERS.has(name.toLowerCase()) || name.toLowerCase().startsWith('nats-')) continue;
    for (const value of message.headers?.values(name) ?? []) result.append(name, value);
  }
  return result;
}
