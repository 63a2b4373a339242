/**
 * Time from a decision recorded event to its notification arriving over the gateway's SSE route, through
 * the real notification service, outbox relay, Redis fan-out and gateway, each service in its own process.
 * Baseline in the same run: a message published straight on the profile's Redis channel to SSE delivery.
 * Run: npx tsx tools/bench/notification.bench.ts
 * Final line: RESULT notification p50_ms=<a> p99_ms=<b>
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { v7 as uuidv7 } from 'uuid';

import type { JetStreamClient } from '@nats-io/jetstream';

import { CandidatesProposedV1, DecisionRecordedV1, EVENT_EXAMPLES, ProfileChangedV1 } from '@atlas/contracts';
import type { EventDefinition } from '@atlas/contracts';
import { natsUrl, pickPort, startNats, startStack, stackEnvironment, stopNats } from '@atlas/local-stack';
import { ensureStream } from '@atlas/messaging';
import { startServiceProcess, waitUntilReady } from '@atlas/service-testing';
import { createTestDatabase } from '@atlas/testing';

const ROUNDS = Number(process.env['ATLAS_BENCH_ROUNDS'] ?? 200);
const RETENTION = { maxAgeSeconds: 3_600, duplicateWindowSeconds: 120 };

function example<T>(definition: EventDefinition): T {
  return structuredClone(
    EVENT_EXAMPLES.find((entry) => entry.definition.subject === definition.subject)!.data,
  ) as T;
}

async function publish(js: JetStreamClient, definition: EventDefinition, data: unknown, entityVersion = 1) {
  const id = uuidv7();
  const envelope = {
    id,
    type: definition.type,
    version: definition.version,
    source: definition.service,
    time: new Date().toISOString(),
    entityId: id,
    entityVersion,
    data,
  };
  const headers = natsHeaders();
  headers.set('Nats-Msg-Id', id);
  await js.publish(definition.subject, JSON.stringify(envelope), { headers });
}

/** Opens the SSE stream and returns a function that waits for the next event's arrival time. */
function openStream(
  url: string,
  profileId: string,
): Promise<{ next: () => Promise<bigint>; close: () => void }> {
  const arrivals: bigint[] = [];
  let wake: (() => void) | undefined;
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { 'x-atlas-dev-profile-id': profileId } }, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const events = chunk.split('\n\n').filter((block) => block.includes('\nevent: notification')).length;
        for (let index = 0; index < events; index += 1) arrivals.push(process.hrtime.bigint());
        wake?.();
      });
      resolve({
        next: async () => {
          while (arrivals.length === 0) await new Promise<void>((done) => (wake = done));
          return arrivals.shift()!;
        },
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

function summary(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

async function main(): Promise<void> {
  const connection = await startStack({ log: () => undefined });
  const stackEnv = stackEnvironment(connection);
  process.env['DATABASE_URL'] ??= stackEnv['DATABASE_URL'];

  const database = await createTestDatabase({ services: ['notification', 'gateway'] });
  const natsDirectory = mkdtempSync(path.join(tmpdir(), 'atlas-notification-bench-'));
  const nats = await startNats(natsDirectory, undefined, () => undefined, {
    preferredPort: 24_222,
    serverName: 'bench',
  });
  const [notificationPort, gatewayPort] = [await pickPort(23_004), await pickPort(23_000)];
  const base = { NATS_URL: natsUrl(nats), REDIS_URL: stackEnv['REDIS_URL']!, ATLAS_LOG_LEVEL: 'warn' };

  const nc = await connect({ servers: natsUrl(nats) });
  const jsm = await jetstreamManager(nc);
  for (const service of ['matching', 'verification'] as const) await ensureStream(jsm, service, RETENTION);

  const services = [
    startServiceProcess('notification', {
      ...base,
      ATLAS_NOTIFICATION_PORT: String(notificationPort),
      ATLAS_NOTIFICATION_DATABASE_URL: database.services.notification!.runtimeUrl,
      ATLAS_NOTIFICATION_AGGREGATION_WINDOW_MS: '3600000',
    }),
    startServiceProcess('gateway', {
      ...base,
      ATLAS_GATEWAY_PORT: String(gatewayPort),
      ATLAS_GATEWAY_DATABASE_URL: database.services.gateway!.runtimeUrl,
      ATLAS_GATEWAY_DEV_IDENTITY: 'true',
    }),
  ];

  const redis = new Redis(stackEnv['REDIS_URL']!);
  try {
    await waitUntilReady(`http://127.0.0.1:${notificationPort}`, 60_000);
    await waitUntilReady(`http://127.0.0.1:${gatewayPort}`, 60_000);
    const results = await measure(
      jetstream(nc),
      redis,
      `http://127.0.0.1:${gatewayPort}/notifications/stream`,
    );
    const pipeline = summary(results.pipeline);
    const baseline = summary(results.baseline);
    console.log(`rounds=${ROUNDS}`);
    console.log(`decision to SSE: p50=${pipeline.p50.toFixed(2)} ms p99=${pipeline.p99.toFixed(2)} ms`);
    console.log(
      `Redis publish to SSE (baseline): p50=${baseline.p50.toFixed(2)} ms p99=${baseline.p99.toFixed(2)} ms`,
    );
    console.log(`ratio p50=${(pipeline.p50 / baseline.p50).toFixed(1)}`);
    console.log(`RESULT notification p50_ms=${pipeline.p50.toFixed(2)} p99_ms=${pipeline.p99.toFixed(2)}`);
  } finally {
    redis.disconnect();
    for (const service of services) service.child.kill('SIGTERM');
    await Promise.all(services.map((service) => service.exited));
    await nc.close();
    await stopNats(nats);
    rmSync(natsDirectory, { recursive: true, force: true });
    await database.drop();
  }
}

async function measure(js: JetStreamClient, redis: Redis, streamUrl: string) {
  const [owner, rival] = [uuidv7(), uuidv7()];
  for (const profileId of [owner, rival]) {
    const profile = example<Record<string, unknown>>(ProfileChangedV1);
    await publish(js, ProfileChangedV1, { ...profile, profileId, changes: ['created'] });
  }
  await new Promise((done) => setTimeout(done, 500));
  const stream = await openStream(streamUrl, rival);
  const proposed = example<{ record: Record<string, unknown>; proposals: Record<string, unknown>[] }>(
    CandidatesProposedV1,
  );
  const decision = example<Record<string, unknown>>(DecisionRecordedV1);
  const pipeline: number[] = [];
  const baseline: number[] = [];

  for (let round = 0; round < ROUNDS; round += 1) {
    const record = { ...proposed.record, rawRecordId: uuidv7(), sourceId: `W${round}` };
    const proposal = (profileId: string, other: string) => ({
      ...proposed.proposals[0],
      profileId,
      authorPosition: 1,
      autoConfirmEligible: false,
      conflict: [other],
    });
    await publish(js, CandidatesProposedV1, {
      ...proposed,
      record,
      proposals: [proposal(owner, rival), proposal(rival, owner)],
    });
    await stream.next(); // the rival's conflict notification for the proposal

    const started = process.hrtime.bigint();
    await publish(js, DecisionRecordedV1, {
      ...decision,
      actId: uuidv7(),
      candidateId: uuidv7(),
      profileId: owner,
      record,
      authorPosition: 1,
      decidedBy: { role: 'researcher', onBehalfOf: owner },
    });
    pipeline.push(Number((await stream.next()) - started) / 1e6);

    const direct = process.hrtime.bigint();
    await redis.publish(`atlas:notifications:${rival}`, JSON.stringify({ id: uuidv7(), profileId: rival }));
    baseline.push(Number((await stream.next()) - direct) / 1e6);
  }
  stream.close();
  return { pipeline, baseline };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
