import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';

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
