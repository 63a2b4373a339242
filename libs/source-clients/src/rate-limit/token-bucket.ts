import { setTimeout as sleep } from 'node:timers/promises';

import type { RateLimiter, TokenBucketRate } from './rate-limiter';
import { assertValidRate } from './rate-limiter';

interface BucketState {
  tokens: number;
  refilledAt: number;
  /** Tail of the queue of waiting callers, so that tokens go out in request order. */
  queue: Promise<void>;
}

/**
 * Creates an in-process token bucket per key. It limits one process only; replicas sharing a
 * source's limit need {@link createRedisRateLimiter}.
 */
export function createTokenBucketLimiter(rate: TokenBucketRate, now: () => number = Date.now): RateLimiter {
  assertValidRate(rate);
  const buckets = new Map<string, BucketState>();
  const tokensPerMs = rate.ratePerSecond / 1000;

  const takeToken = async (bucket: BucketState): Promise<void> => {
    for (;;) {
      const current = now();
      bucket.tokens = Math.min(rate.burst, bucket.tokens + (current - bucket.refilledAt) * tokensPerMs);
      bucket.refilledAt = current;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await sleep(Math.ceil((1 - bucket.tokens) / tokensPerMs));
    }
  };

  return {
    acquire(key: string): Promise<void> {
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = { tokens: rate.burst, refilledAt: now(), queue: Promise.resolve() };
        buckets.set(key, bucket);
      }
      const state = bucket;
      const turn = state.queue.then(() => takeToken(state));
      state.queue = turn;
      return turn;
    },
  };
}
