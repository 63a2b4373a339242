import { Objm, StorageType } from '@nats-io/obj';
import { nanos } from '@nats-io/nats-core';

import type { JetStreamClient } from '@nats-io/jetstream';
import type { ObjectStore } from '@nats-io/obj';
import type { MsgHdrs } from '@nats-io/nats-core';

import { MessagingError } from '../errors';
import { HEADERS } from '../headers';

/**
 * Default size above which a body moves to the object store. The server caps a message at 1 MB by
 * default, and headers plus protocol framing need room below that cap.
 */
export const DEFAULT_LARGE_PAYLOAD_THRESHOLD_BYTES = 900 * 1024;

/** Settings of a {@link LargePayloadStore}. */
export interface LargePayloadStoreOptions {
  /** Object store bucket name. */
  bucket: string;
  /** How long the bucket keeps a payload, in seconds; keep it at least as long as the messages. */
  ttlSeconds: number;
  /** Bodies larger than this many bytes are stored in the bucket. */
  thresholdBytes?: number;
}

/** A message body ready to send: the bytes themselves, or a small reference to them. */
export interface OutgoingBody {
  body: Uint8Array;
  /** Reference to set as the `Atlas-Payload-Ref` header when the bytes went to the bucket. */
  reference?: string;
}

/**
 * Moves bodies too large for one NATS message into a JetStream object store bucket and fetches
 * them back on receipt, so that senders and receivers see the whole payload either way.
 */
export class LargePayloadStore {
  private store?: Promise<ObjectStore>;
  readonly thresholdBytes: number;

  constructor(
    private readonly js: JetStreamClient,
    private readonly options: LargePayloadStoreOptions,
  ) {
    this.thresholdBytes = options.thresholdBytes ?? DEFAULT_LARGE_PAYLOAD_THRESHOLD_BYTES;
  }

  private bucket(): Promise<ObjectStore> {
    this.store ??= new Objm(this.js)
      .create(this.options.bucket, { storage: StorageType.File, ttl: nanos(this.options.ttlSeconds * 1_000) })
      .catch((error: unknown) => {
        this.store = undefined;
        throw error;
      });
    return this.store;
  }

  /** Returns the body as is when it is small, otherwise stores it under `key` and returns a reference. */
  async prepare(key: string, body: Uint8Array): Promise<OutgoingBody> {
    if (body.byteLength <= this.thresholdBytes) return { body };

    const store = await this.bucket();
    await store.putBlob({ name: key }, body);
    const reference = `${this.options.bucket}/${key}`;
    return { body: new TextEncoder().encode(JSON.stringify({ payloadRef: reference })), reference };
  }

  /** Returns the full body of a received message, fetching it when the message carries a reference. */
  async resolve(headers: MsgHdrs | undefined, body: Uint8Array): Promise<Uint8Array> {
    const reference = headers?.get(HEADERS.payloadReference);
    if (!reference) return body;

    const key = this.keyOf(reference);
    const stored = await (await this.bucket()).getBlob(key);
    if (!stored) {
      throw new MessagingError(
        'MESSAGING_ERR_PAYLOAD_NOT_FOUND',
        `Payload ${reference} is missing or expired`,
      );
    }
    return stored;
  }

  private keyOf(reference: string): string {
    const prefix = `${this.options.bucket}/`;
    if (!reference.startsWith(prefix)) {
      throw new MessagingError(
        'MESSAGING_ERR_PAYLOAD_NOT_FOUND',
        `Payload reference ${reference} names another bucket than ${this.options.bucket}`,
      );
    }
    return reference.slice(prefix.length);
  }
}

/** Bucket of event payloads larger than one message. */
export const EVENT_PAYLOAD_BUCKET = 'atlas_event_payloads';
/** Bucket of request/reply bodies larger than one message. */
export const RPC_PAYLOAD_BUCKET = 'atlas_rpc_payloads';
