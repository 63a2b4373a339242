import { setTimeout as sleep } from 'node:timers/promises';

import type { Redis } from 'ioredis';

import type { RateLimiter, TokenBucketRate } from './rate-limiter';
import { assertValidRate } from './rate-limiter';

/**
 * Token bucket kept in one Redis hash and updated atomically by a script. The clock is Redis's own
 * (`TIME`), so replicas with skewed clocks still share one rate. Returns 0 when a token was taken,
 * otherwise the milliseconds to wait before asking again.
 */
const TAKE_TOKEN_SCRIPT = `
local tokens_per_ms = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * tokens_per_ms)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.ceil((1 - tokens) / tokens_per_ms)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / tokens_per_ms) + 1000)
return wait
`;

/** Settings of {@link createRedisRateLimiter}. */
export interface RedisRateLimiterOptions extends TokenBucketRate {
  /** Connected client; the caller owns it and closes it. */
  redis: Redis;
  /** Prefix of the bucket keys, e.g. `atlas:ingest:rate` (the key is `<prefix>:<key>`). */
  keyPrefix: string;
}

/** Creates a token bucket shared by every process that uses the same Redis and key prefix. */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  assertValidRate(options);
  const tokensPerMs = String(options.ratePerSecond / 1000);
  const burst = String(options.burst);

  return {
    async acquire(key: string): Promise<void> {
      const bucketKey = `${options.keyPrefix}:${key}`;
      for (;;) {
        const wait = Number(await options.redis.eval(TAKE_TOKEN_SCRIPT, 1, bucketKey, tokensPerMs, burst));
        if (wait <= 0) return;
        await sleep(wait);
      }
    },
  };
}
