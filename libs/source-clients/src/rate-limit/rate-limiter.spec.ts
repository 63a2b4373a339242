import { randomUUID } from 'node:crypto';

import Redis from 'ioredis';

import { createRedisRateLimiter } from './redis-rate-limiter';
import { createTokenBucketLimiter } from './token-bucket';
import { OpenAlexClient } from '../sources/openalex-client';
import { jsonResponse, realJson, ReplayServer } from '../testing';

/** Largest number of requests seen in any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe('token bucket limiter', () => {
  it('allows a burst then the rate', async () => {
    const limiter = createTokenBucketLimiter({ ratePerSecond: 20, burst: 3 });
    const granted: number[] = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 9 }, () =>
        limiter.acquire('openalex').then(() => granted.push(Date.now() - started)),
      ),
    );
    // 3 at once, then 6 more at 20 per second: at least 300 ms.
    expect(granted.slice(0, 3).every((elapsed) => elapsed < 40)).toBe(true);
    expect(granted.at(-1)).toBeGreaterThanOrEqual(280);
  });

  it('keeps separate buckets per key', async () => {
    const limiter = createTokenBucketLimiter({ ratePerSecond: 1, burst: 1 });
    const started = Date.now();
    await Promise.all([limiter.acquire('hal'), limiter.acquire('orcid')]);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('rejects an invalid rate', () => {
    expect(() => createTokenBucketLimiter({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => createTokenBucketLimiter({ ratePerSecond: 1, burst: 0.5 })).toThrow(RangeError);
  });
});

describe('Redis rate limiter', () => {
  const keyPrefix = `test:rate:${randomUUID()}`;
  const connections: Redis[] = [];
  let server: ReplayServer;

  beforeAll(async () => {
    server = await ReplayServer.start();
  });
  afterAll(async () => {
    const cleaner = connections[0];
    const keys = cleaner ? await cleaner.keys(`${keyPrefix}:*`) : [];
    if (cleaner && keys.length > 0) await cleaner.del(...keys);
    await Promise.all(connections.map((connection) => connection.quit()));
    await server.close();
  });

  const connect = () => {
    const redis = new Redis(process.env.REDIS_URL ?? '');
    connections.push(redis);
    return redis;
  };

  it('shares one rate between two clients', async () => {
    const work = realJson('openalex/api_responses/bvitamins_work_W2741809807.json.gz');
    server.route({ path: '/works/W2741809807', response: jsonResponse(work) });
    const rate = { ratePerSecond: 20, burst: 2 };
    const clients = [connect(), connect()].map(
      (redis) =>
        new OpenAlexClient({
          baseUrl: server.url(),
          rateLimiter: createRedisRateLimiter({ redis, keyPrefix, ...rate }),
        }),
    );
    expect(clients.every((client) => client.http.baseUrl.hostname === '127.0.0.1')).toBe(true);

    const started = Date.now();
    await Promise.all(
      clients.flatMap((client) => Array.from({ length: 15 }, () => client.work('W2741809807'))),
    );
    const times = server.requests.map((request) => request.receivedAt);

    expect(times).toHaveLength(30);
    // 30 requests at 20 per second after a burst of 2 take at least 1.4 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1350);
    // Any 500 ms window contains at most the burst plus 10 requests (one of slack for timer jitter).
    expect(maxInWindow(times, 500)).toBeLessThanOrEqual(rate.burst + 10 + 1);
    expect(await connections[0]?.exists(`${keyPrefix}:openalex`)).toBe(1);
  });
});
