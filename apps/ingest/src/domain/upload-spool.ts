import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { jetstream } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';

import type { NatsConnection } from '@nats-io/nats-core';

import type { PayloadReference } from '@atlas/contracts';
import { RpcHandlerError } from '@atlas/messaging';

/** An uploaded file copied to local disk, and how to remove it. */
export interface SpooledUpload {
  file: string;
  remove(): Promise<void>;
}

/**
 * Copies an upload from the NATS object store to a private temporary folder, checking its size and
 * SHA-256 digest against the reference, so the import reads a local file it can resume from.
 */
export async function spoolUpload(
  nc: NatsConnection,
  reference: PayloadReference,
  spoolRoot = tmpdir(),
): Promise<SpooledUpload> {
  const store = await new Objm(jetstream(nc)).open(reference.bucket);
  const object = await store.get(reference.name);
  if (!object) {
    throw new RpcHandlerError(
      'NOT_FOUND',
      `No upload named ${reference.name} in bucket ${reference.bucket}.`,
    );
  }
  const folder = await mkdtemp(path.join(spoolRoot, 'atlas-upload-'));
  const remove = () => rm(folder, { recursive: true, force: true });
  // The object name may carry the original file name, whose extension helps format detection.
  const file = path.join(folder, path.basename(reference.name).replace(/[^\w.-]/g, '_') || 'upload');
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(object.data as never), measure, createWriteStream(file));
    await object.error;
  } catch (error) {
    await remove();
    throw error;
  }
  const digest = `sha256:${hash.digest('hex')}`;
  if (size !== reference.size || digest !== reference.digest) {
    await remove();
    throw new RpcHandlerError('BAD_REQUEST', `The upload ${reference.name} does not match its reference.`, {
      expected: { size: reference.size, digest: reference.digest },
      received: { size, digest },
    });
  }
  return { file, remove };
}
