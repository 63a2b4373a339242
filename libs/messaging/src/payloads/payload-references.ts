import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { Objm, StorageType } from '@nats-io/obj';
import { nanos } from '@nats-io/nats-core';
import type { JetStreamClient } from '@nats-io/jetstream';

import type { PayloadReference } from '@atlas/contracts';

import { MessagingError } from '../errors';

/** Bucket of a stored payload and how long it keeps it. */
export interface PayloadBucketOptions {
  bucket: string;
  /** Seconds the bucket keeps a payload; keep it longer than a reader may take to fetch it. */
  ttlSeconds: number;
}

/**
 * Stores a payload under `name` in an object store bucket, creating the bucket when missing, and
 * returns the reference a reply or event carries in its place: size, SHA-256 digest and media type.
 */
export async function storePayload(
  js: JetStreamClient,
  options: PayloadBucketOptions,
  name: string,
  content: Uint8Array,
  mediaType: string,
): Promise<PayloadReference> {
  const store = await new Objm(js).create(options.bucket, {
    storage: StorageType.File,
    ttl: nanos(options.ttlSeconds * 1_000),
  });
  await store.putBlob({ name, description: mediaType }, content);
  const digest = `sha256:${createHash('sha256').update(content).digest('hex')}`;
  return { bucket: options.bucket, name, size: content.byteLength, digest, mediaType };
}

/**
 * Opens a referenced payload as a stream that fails at its end, with MESSAGING_ERR_PAYLOAD_MISMATCH,
 * when the bytes read differ from the reference's size or digest. Throws
 * MESSAGING_ERR_PAYLOAD_NOT_FOUND when the bucket or the object is missing or expired.
 */
export async function openPayload(js: JetStreamClient, reference: PayloadReference): Promise<Readable> {
  const store = await new Objm(js).open(reference.bucket).catch((error: unknown) => {
    throw notFound(reference, error);
  });
  const object = await store.get(reference.name);
  if (!object) throw notFound(reference);

  const hash = createHash('sha256');
  let size = 0;
  const verify = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      const digest = `sha256:${hash.digest('hex')}`;
      if (size === reference.size && digest === reference.digest) {
        done();
        return;
      }
      done(
        new MessagingError(
          'MESSAGING_ERR_PAYLOAD_MISMATCH',
          `Payload ${reference.bucket}/${reference.name} has ${size} bytes with digest ${digest}, ` +
            `but its reference names ${reference.size} bytes with digest ${reference.digest}`,
          { details: { reference, size, digest } },
        ),
      );
    },
  });
  const source = Readable.fromWeb(object.data as WebReadableStream<Uint8Array>);
  source.once('error', (error) => verify.destroy(error));
  return source.pipe(verify);
}

function notFound(reference: PayloadReference, cause?: unknown): MessagingError {
  return new MessagingError(
    'MESSAGING_ERR_PAYLOAD_NOT_FOUND',
    `Payload ${reference.bucket}/${reference.name} is missing or expired`,
    { cause, details: { reference } },
  );
}
