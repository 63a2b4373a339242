// Streams on a real 3-node JetStream cluster on loopback: three copies when asked for, a stream with one
// copy scaled up in place, and no acknowledged message lost when the node leading the stream dies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import pino from 'pino';

import { streamName } from '@atlas/contracts';
import { NatsCluster } from '@atlas/testing';

import { connectNats, ensureStream } from '../src';

import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';

import type { MessagingConnection } from '../src';

const log = pino({ level: 'silent' });
const retention = { maxAgeSeconds: 3_600, duplicateWindowSeconds: 120 };
const stream = streamName('ingest');

let directory: string;
let cluster: NatsCluster;
let connection: MessagingConnection;
let jsm: JetStreamManager;
let js: JetStreamClient;

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'atlas-stream-replicas-'));
  cluster = await NatsCluster.start(directory);
  connection = await connectNats({ url: cluster.url, name: 'stream-replicas-test', log });
  jsm = await jetstreamManager(connection.nc);
  js = jetstream(connection.nc);
}, 60_000);

afterAll(async () => {
  await connection?.close();
  await cluster?.stop();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** Publishes one record event and resolves once a quorum of the stream's copies stored it. */
function publishRecord(index: number) {
  return js.publish(`atlas.ingest.record.stored.v1`, JSON.stringify({ index }), {
    msgID: `record-${index}`,
    timeout: 2_000,
  });
}

/** Retries a publish while the cluster elects a new stream leader, for at most `timeoutMs`. */
async function publishWithRetry(index: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await publishRecord(index);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function waitForCopies(copies: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await jsm.streams.info(stream);
    const current = (info.cluster?.replicas ?? []).filter((replica) => replica.current).length;
    if (info.cluster?.leader && 1 + current === copies) return info;
    if (Date.now() > deadline)
      throw new Error(`${stream} has no ${copies} current copies: ${JSON.stringify(info.cluster)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('stream copies on a 3-node cluster', () => {
  it('scales a stream from one copy to three in place, keeping its messages', async () => {
    const created = await ensureStream(jsm, 'ingest', retention);
    expect(created.config.num_replicas).toBe(1);
    for (let index = 0; index < 10; index += 1) await publishRecord(index);

    const scaled = await ensureStream(jsm, 'ingest', { ...retention, replicas: 3 });
    expect(scaled.config.num_replicas).toBe(3);
    const info = await waitForCopies(3);
    expect(info.state.messages).toBe(10);
    expect(
      new Set([info.cluster!.leader, ...info.cluster!.replicas!.map((replica) => replica.name)]),
    ).toEqual(new Set(['n1', 'n2', 'n3']));
  }, 60_000);

  it('loses no acknowledged message when the leader dies, and takes the node back', async () => {
    const leader = (await waitForCopies(3)).cluster!.leader!;
    await cluster.kill(leader);
    for (let index = 10; index < 30; index += 1) await publishWithRetry(index);

    const during = await jsm.streams.info(stream);
    expect(during.cluster?.leader).not.toBe(leader);
    expect(during.state.messages).toBe(30);

    await cluster.restart(leader);
    const after = await waitForCopies(3);
    expect(after.state.messages).toBe(30);
  }, 90_000);
});
