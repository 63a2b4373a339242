import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers as createHeaders } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';

import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';

import { DEAD_LETTER_STREAM, HEADERS, ensureDeadLetterStream, ensureStream } from '@atlas/messaging';
import { startTestNats } from '@atlas/testing';
import type { TestNats } from '@atlas/testing';

import { deadLetterFilter, listDeadLetters, purgeDeadLetters, redriveDeadLetters } from './dead-letters';

const CONSUMER = 'notification_decision_recorded_v1';
const ORIGINAL_SUBJECT = 'atlas.verification.decision.recorded.v1';
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const RETENTION = { maxAgeSeconds: 3_600, duplicateWindowSeconds: 120 };

let nats: TestNats;
let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;

/** Publishes a dead letter as the event consumer writes one, with the original event's headers. */
async function deadLetter(eventId: string, consumer = CONSUMER): Promise<void> {
  const headers = createHeaders();
  headers.set(HEADERS.traceparent, TRACEPARENT);
  headers.set(HEADERS.eventType, 'atlas.verification.decision.recorded');
  headers.set(HEADERS.originalSubject, ORIGINAL_SUBJECT);
  headers.set(HEADERS.deadLetterReason, 'Failed after 5 deliveries: connection reset');
  headers.set(HEADERS.deliveryCount, '5');
  headers.set(HEADERS.eventId, eventId);
  const body = new TextEncoder().encode(JSON.stringify({ id: eventId }));
  await js.publish(deadLetterFilter(consumer), body, { headers, msgID: `${consumer}:${eventId}` });
}

async function deadLetterCount(): Promise<number> {
  return (await jsm.streams.info(DEAD_LETTER_STREAM)).state.messages;
}

beforeAll(async () => {
  nats = await startTestNats();
  nc = await connect({ servers: nats.url, name: 'dead-letters-test' });
  js = jetstream(nc);
  jsm = await jetstreamManager(nc);
  await ensureDeadLetterStream(jsm, RETENTION);
  await ensureStream(jsm, 'verification', RETENTION);
  await jsm.consumers.add('VERIFICATION', {
    durable_name: 'redrive_check',
    filter_subject: ORIGINAL_SUBJECT,
    ack_policy: AckPolicy.Explicit,
  });
});

afterAll(async () => {
  await nc?.drain();
  await nats?.stop();
});

afterEach(async () => {
  await jsm.streams.purge(DEAD_LETTER_STREAM);
});

describe('dead-letter commands', () => {
  it('lists dead letters with their reason and origin', async () => {
    await deadLetter('01900000-0000-7000-8000-0000000000a1');
    await deadLetter('01900000-0000-7000-8000-0000000000a2', 'matching_record_stored_v1');

    const mine = await listDeadLetters(js, CONSUMER);
    const all = await listDeadLetters(js, undefined);

    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      subject: `atlas.dlq.notification.${CONSUMER}`,
      originalSubject: ORIGINAL_SUBJECT,
      eventId: '01900000-0000-7000-8000-0000000000a1',
      reason: 'Failed after 5 deliveries: connection reset',
      deliveryCount: 5,
    });
    expect(all).toHaveLength(2);
  });

  it('re-drives to the original subject and deletes the dead letter', async () => {
    await deadLetter('01900000-0000-7000-8000-0000000000b1');

    const dryRun = await redriveDeadLetters(js, jsm, { consumer: CONSUMER, dryRun: true });
    expect(dryRun.redriven).toHaveLength(1);
    expect(await deadLetterCount()).toBe(1);

    const result = await redriveDeadLetters(js, jsm, { consumer: CONSUMER });
    expect(result.redriven.map((entry) => entry.eventId)).toEqual(['01900000-0000-7000-8000-0000000000b1']);
    expect(await deadLetterCount()).toBe(0);

    const consumer = await js.consumers.get('VERIFICATION', 'redrive_check');
    const message = await consumer.next({ expires: 2_000 });
    expect(message?.subject).toBe(ORIGINAL_SUBJECT);
    expect(JSON.parse(new TextDecoder().decode(message!.data))).toEqual({
      id: '01900000-0000-7000-8000-0000000000b1',
    });
    expect(message?.headers?.get(HEADERS.traceparent)).toBe(TRACEPARENT);
    expect(message?.headers?.get(HEADERS.deadLetterReason)).toBe('');
    expect(message?.headers?.get(HEADERS.originalSubject)).toBe('');
    message?.ack();
  });

  it('purges one consumer and keeps the others', async () => {
    await deadLetter('01900000-0000-7000-8000-0000000000c1');
    await deadLetter('01900000-0000-7000-8000-0000000000c2', 'matching_record_stored_v1');

    expect(await purgeDeadLetters(jsm, CONSUMER)).toBe(1);
    expect((await listDeadLetters(js, undefined)).map((entry) => entry.eventId)).toEqual([
      '01900000-0000-7000-8000-0000000000c2',
    ]);
  });

  it('rejects a malformed consumer name', () => {
    expect(() => deadLetterFilter('notification.decision')).toThrow(
      'Invalid consumer name "notification.decision": expected <service>_<event>_v<N>',
    );
  });
});
