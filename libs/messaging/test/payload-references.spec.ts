import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';

import { startTestNats } from '@atlas/testing';
import type { TestNats } from '@atlas/testing';

import { openPayload, storePayload } from '../src';

import type { Readable } from 'node:stream';

/** The first 1.2 MB of a real OpenAlex works file, over the 1 MB NATS message cap. */
const REAL_FILE = path.join(__dirname, '../../../data/real/openalex/academic-explorer_works.jsonl.gz');
const BUCKET = { bucket: 'test_payloads', ttlSeconds: 60 };

let nats: TestNats;
let nc: NatsConnection;
let js: JetStreamClient;
const content = gunzipSync(readFileSync(REAL_FILE)).subarray(0, 1_200_000);

beforeAll(async () => {
  nats = await startTestNats();
  nc = await connect({ servers: nats.url, name: 'payload-references-test' });
  js = jetstream(nc);
});

afterAll(async () => {
  await nc?.close();
  await nats?.stop();
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('payload references', () => {
  it('stores and reads back a payload over the message cap', async () => {
    expect(content.byteLength).toBeGreaterThan(1024 * 1024);
    const reference = await storePayload(js, BUCKET, 'works.jsonl', content, 'application/x-ndjson');
    expect(reference).toMatchObject({ bucket: BUCKET.bucket, name: 'works.jsonl', size: content.byteLength });
    expect(reference.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const read = await readAll(await openPayload(js, reference));
    expect(read.equals(content)).toBe(true);
  });

  it('fails a stream whose digest differs', async () => {
    const reference = await storePayload(js, BUCKET, 'altered.jsonl', content, 'application/x-ndjson');
    const altered = { ...reference, digest: `sha256:${'0'.repeat(64)}` };
    await expect(readAll(await openPayload(js, altered))).rejects.toMatchObject({
      code: 'MESSAGING_ERR_PAYLOAD_MISMATCH',
    });
  });

  it('rejects a missing object or bucket', async () => {
    const reference = await storePayload(js, BUCKET, 'present.jsonl', content.subarray(0, 100), 'text/plain');
    await expect(openPayload(js, { ...reference, name: 'absent.jsonl' })).rejects.toMatchObject({
      code: 'MESSAGING_ERR_PAYLOAD_NOT_FOUND',
    });
    await expect(openPayload(js, { ...reference, bucket: 'no_such_bucket' })).rejects.toMatchObject({
      code: 'MESSAGING_ERR_PAYLOAD_NOT_FOUND',
    });
  });
});
