import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';
import { v7 as uuidv7 } from 'uuid';

import { ListNotificationsSinceRpc } from '@atlas/contracts';

import { REAL_ORCIDS, startGateway } from './gateway-harness';

import type { GatewayHarness } from './gateway-harness';

/** Reads the stream until `text` arrives or the time runs out, then stops reading. */
async function readUntil(response: Response, text: string, timeoutMs = 5_000): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let received = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (!received.includes(text) && Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ done: true; value: undefined }>((resolve) =>
          setTimeout(() => resolve({ done: true, value: undefined }), deadline - Date.now()),
        ),
      ]);
      if (chunk.done) break;
      received += decoder.decode(chunk.value, { stream: true });
    }
  } finally {
    await reader.cancel();
  }
  return received;
}

describe('notification stream with sign-in', () => {
  let gateway: GatewayHarness;
  let publisher: Redis;

  beforeAll(async () => {
    gateway = await startGateway();
    publisher = new Redis(process.env['REDIS_URL'] ?? '');
  });

  afterAll(async () => {
    publisher?.disconnect();
    await gateway?.close();
  });

  it('rejects a caller without a session', async () => {
    const response = await fetch(`${gateway.baseUrl}/notifications/stream`);
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });

  it('answers 404 for another researcher profile', async () => {
    const researcher = await gateway.seedAccount(REAL_ORCIDS[0]!, ['researcher']);
    const { cookie } = await gateway.signIn(researcher.accountId, researcher.profileId);
    const response = await fetch(`${gateway.baseUrl}/notifications/stream?profileId=${randomUUID()}`, {
      headers: { cookie },
    });
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });

  it('streams the signed-in profile notifications', async () => {
    const researcher = await gateway.seedAccount(REAL_ORCIDS[1]!, ['researcher']);
    const { cookie } = await gateway.signIn(researcher.accountId, researcher.profileId);
    const response = await fetch(`${gateway.baseUrl}/notifications/stream`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');

    const notificationId = randomUUID();
    const payload = JSON.stringify({ id: notificationId, profileId: researcher.profileId });
    const publishing = setInterval(() => {
      void publisher.publish(`atlas:notifications:${researcher.profileId}`, payload);
    }, 100);
    try {
      const received = await readUntil(response, notificationId);
      expect(received).toContain(`id: ${notificationId}`);
    } finally {
      clearInterval(publishing);
    }
  });
});

describe('notification stream on a quiet connection', () => {
  let gateway: GatewayHarness;
  let publisher: Redis;

  beforeAll(async () => {
    // A socket timeout far below the heartbeat interval, so a quiet stream outlives several timeouts.
    gateway = await startGateway({ ATLAS_GATEWAY_SSE_HEARTBEAT_MS: '60000' }, 0, {
      connectionTimeoutMs: 300,
    });
    publisher = new Redis(process.env['REDIS_URL'] ?? '');
  });

  afterAll(async () => {
    publisher?.disconnect();
    await gateway?.close();
  });

  it('stays open past the socket timeout', async () => {
    const researcher = await gateway.seedAccount(REAL_ORCIDS[2]!, ['researcher']);
    const { cookie } = await gateway.signIn(researcher.accountId, researcher.profileId);
    const response = await fetch(`${gateway.baseUrl}/notifications/stream`, { headers: { cookie } });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const notificationId = randomUUID();
    const payload = JSON.stringify({ id: notificationId, profileId: researcher.profileId });
    const publishing = setInterval(() => {
      void publisher.publish(`atlas:notifications:${researcher.profileId}`, payload);
    }, 100);
    try {
      const received = await readUntil(response, notificationId);
      expect(received).toContain(`id: ${notificationId}`);
    } finally {
      clearInterval(publishing);
    }
  });
});

describe('notification stream across a lost Redis connection', () => {
  let gateway: GatewayHarness;
  let admin: Redis;

  beforeAll(async () => {
    gateway = await startGateway();
    admin = new Redis(process.env['REDIS_URL'] ?? '');
  });

  afterAll(async () => {
    admin?.disconnect();
    await gateway?.close();
  });

  it('fetches what was created while the subscriber was away, after the stream opened', async () => {
    const researcher = await gateway.seedAccount(REAL_ORCIDS[2]!, ['researcher']);
    const { cookie } = await gateway.signIn(researcher.accountId, researcher.profileId);
    const openedAt = Date.now();
    const response = await fetch(`${gateway.baseUrl}/notifications/stream`, { headers: { cookie } });
    expect(response.status).toBe(200);

    // A notification the service created, and published to no subscriber, while the gateway was cut off.
    const missed = {
      id: uuidv7(),
      profileId: researcher.profileId,
      type: 'new_candidates',
      title: '3 new candidate publications to review',
      read: false,
      createdAt: new Date().toISOString(),
    };
    gateway.responder.reply(ListNotificationsSinceRpc, { items: [missed], complete: true });
    const calls = gateway.responder.callsOf(ListNotificationsSinceRpc).length;
    // Cuts the gateway's subscriber connection, as a Redis restart does; ioredis reconnects. The
    // gateway runs in this process, so its feed's connection carries this process id.
    const clients = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
    const feed = clients
      .split('\n')
      .find((line) => line.includes(`name=atlas-gateway-notifications-${process.pid} `));
    expect(feed).toBeDefined();
    await admin.call('CLIENT', 'KILL', 'ID', feed!.match(/id=(\d+)/)![1]!);

    const received = await readUntil(response, missed.id);
    expect(received).toContain(`id: ${missed.id}`);
    const replays = gateway.responder.callsOf(ListNotificationsSinceRpc).slice(calls);
    expect(replays.length).toBeGreaterThan(0);
    const after = replays[0]!.body['lastEventId'] as string;
    // Nothing sent yet, so the replay starts at the stream's opening time, not at the start of time.
    expect(parseInt(after.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(openedAt - 1_000);
    expect(replays[0]!.body['profileId']).toBe(researcher.profileId);
  });
});
