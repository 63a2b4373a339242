import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

import { jetstream } from '@nats-io/jetstream';
import { Objm, StorageType } from '@nats-io/obj';
import { nanos } from '@nats-io/nats-core';
import { v7 as uuidv7 } from 'uuid';

import type { FastifyRequest } from 'fastify';

import type { PayloadReference } from '@atlas/contracts';
import { ServiceError } from '@atlas/service-runtime';

/** Object store bucket that import uploads are streamed into for the ingest service to read. */
export const IMPORT_UPLOAD_BUCKET = 'import-uploads';

/** Seconds an upload stays in the bucket; long enough for a queued import to start. */
const UPLOAD_TTL_SECONDS = 7 * 24 * 3600;

function tooLarge(limitBytes: number): ServiceError {
  return new ServiceError({
    code: 'GATEWAY_ERR_UPLOAD_TOO_LARGE',
    statusCode: 413,
    message: `The upload exceeds the limit of ${limitBytes} bytes; import it from the import folder instead.`,
  });
}

/**
 * Streams a request body into the upload bucket, hashing and counting it on the way, and rejects it
 * with 413 once it passes `limitBytes`. Returns the reference the ingest service imports from.
 */
export async function storeUpload(
  request: FastifyRequest,
  body: Readable,
  mediaType: string,
  limitBytes: number,
): Promise<PayloadReference> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limitBytes) throw tooLarge(limitBytes);

  const nc = await request.server.natsConnected();
  const store = await new Objm(jetstream(nc)).create(IMPORT_UPLOAD_BUCKET, {
    storage: StorageType.File,
    ttl: nanos(UPLOAD_TTL_SECONDS * 1000),
  });
  const hash = createHash('sha256');
  let size = 0;
  const counted = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > limitBytes) {
        controller.error(tooLarge(limitBytes));
        return;
      }
      hash.update(chunk);
      controller.enqueue(chunk);
    },
  });
  const name = `upload-${uuidv7()}`;
  const source = Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>;
  try {
    await store.put({ name, description: mediaType }, source.pipeThrough(counted));
  } catch (error) {
    await store.delete(name).catch(() => undefined);
    if (size > limitBytes) throw tooLarge(limitBytes);
    throw error;
  }
  if (size === 0) {
    await store.delete(name).catch(() => undefined);
    throw new ServiceError({
      code: 'GATEWAY_ERR_UPLOAD_EMPTY',
      statusCode: 400,
      message: 'The upload is empty; send the file to import as the request body.',
    });
  }
  return { bucket: IMPORT_UPLOAD_BUCKET, name, size, digest: `sha256:${hash.digest('hex')}`, mediaType };
}
