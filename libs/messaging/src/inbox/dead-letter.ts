import { headers as createHeaders } from '@nats-io/nats-core';

import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';

import { HEADERS } from '../headers';

/** Destination and reason of a dead letter. */
export interface DeadLetter {
  /** Subject `atlas.dlq.<service>.<consumer>`. */
  subject: string;
  /** Durable consumer that gave up on the message. */
  consumer: string;
  reason: string;
  eventId?: string;
}

// A header value must stay on one line and reasonably small.
function headerSafe(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 1_024);
}

/**
 * Publishes the original message body to the dead-letter subject with the facts needed to
 * inspect and replay it. The stream sequence in the message id makes a repeat publish a no-op.
 */
export async function publishDeadLetter(
  js: JetStreamClient,
  message: JsMsg,
  letter: DeadLetter,
): Promise<void> {
  const letterHeaders = createHeaders();
  // Server-owned headers (Nats-Msg-Id, Nats-Expected-*) would change how the stream treats the letter.
  for (const name of message.headers?.keys() ?? []) {
    if (name.toLowerCase().startsWith('nats-')) continue;
    for (const value of message.headers?.values(name) ?? []) letterHeaders.append(name, value);
  }
  letterHeaders.set(HEADERS.originalSubject, message.subject);
  letterHeaders.set(HEADERS.deadLetterReason, headerSafe(letter.reason));
  letterHeaders.set(HEADERS.deliveryCount, String(message.info.deliveryCount));
  if (letter.eventId) letterHeaders.set(HEADERS.eventId, letter.eventId);

  await js.publish(letter.subject, message.data, {
    headers: letterHeaders,
    msgID: `${letter.consumer}:${message.info.streamSequence}`,
  });
}
