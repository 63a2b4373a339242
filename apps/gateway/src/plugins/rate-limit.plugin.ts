import fp from 'fastify-plugin';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { METRICS, counterOf } from '@atlas/observability';
import { ServiceError } from '@atlas/service-runtime';

import '../fastify-augment';

/**
 * Fixed-window counter: increments the window's key, sets its expiry on the first hit, and returns
 * the count with the milliseconds left in the window, in one round trip.
 */
const FIXED_WINDOW_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/** Milliseconds between two log lines about the limiter failing open. */
const FAIL_OPEN_LOG_INTERVAL_MS = 60_000;

interface Bucket {
  key: string;
  limit: number;
  /** What the bucket counts, as the rate-limited metric labels it. */
  kind: 'token' | 'account' | 'address';
}

function bucketOf(request: FastifyRequest): Bucket {
  const { config } = request.server.gateway;
  const principal = request.principal;
  if (principal?.via === 'token')
    return { key: `token:${principal.tokenId}`, limit: config.tokenRateLimit, kind: 'token' };
  if (principal)
    return { key: `account:${principal.accountId}`, limit: config.userRateLimit, kind: 'account' };
  return { key: `address:${request.ip}`, limit: config.anonymousRateLimit, kind: 'address' };
}

function setHeaders(reply: FastifyReply, limit: number, count: number, resetSeconds: number): void {
  reply.header('RateLimit-Limit', limit);
  reply.header('RateLimit-Remaining', Math.max(0, limit - count));
  reply.header('RateLimit-Reset', resetSeconds);
}

/**
 * Limits requests per API token, per signed-in account and per client address for anonymous
 * callers, in fixed windows counted in Redis. When Redis fails, requests pass: the limiter logs at
 * most one line a minute and counts each pass in `gateway_rate_limit_fail_open_total`.
 */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance) => {
    const failOpen = counterOf(METRICS.gatewayRateLimitFailOpen);
    const rateLimited = counterOf(METRICS.gatewayRateLimited);
    let lastFailOpenLog = 0;
    app.redis.defineCommand('atlasFixedWindow', { numberOfKeys: 1, lua: FIXED_WINDOW_SCRIPT });

    app.addHook('preValidation', async (request, reply) => {
      if (request.routeOptions.config.rateLimit === false) return;
      const { config } = app.gateway;
      const bucket = bucketOf(request);
      const windowMs = config.rateLimitWindowSeconds * 1000;
      const now = Date.now();
      const key = `${config.redisKeyPrefix}rate:${bucket.key}:${Math.floor(now / windowMs)}`;
      let result: [number, number];
      try {
        // A disconnected client would queue the command until its time-out, so fail open at once.
        if (app.redis.status !== 'ready')
          throw new Error(`Redis is not connected (status ${app.redis.status})`);
        const commands = app.redis as unknown as RateLimitCommands;
        result = (await commands.atlasFixedWindow(key, windowMs - (now % windowMs))) as [number, number];
      } catch (error) {
        failOpen.add(1);
        if (Date.now() - lastFailOpenLog > FAIL_OPEN_LOG_INTERVAL_MS) {
          lastFailOpenLog = Date.now();
          request.log.warn({ err: error }, 'rate limiter cannot reach Redis; letting requests through');
        }
        return;
      }
      const [count, ttlMs] = result;
      const resetSeconds = Math.max(1, Math.ceil(ttlMs / 1000));
      setHeaders(reply, bucket.limit, count, resetSeconds);
      if (count > bucket.limit) {
        rateLimited.add(1, { bucket: bucket.kind });
        reply.header('Retry-After', resetSeconds);
        throw new ServiceError({
          code: 'GATEWAY_ERR_RATE_LIMITED',
          statusCode: 429,
          message: `Rate limit of ${bucket.limit} requests per ${config.rateLimitWindowSeconds} s exceeded; retry after ${resetSeconds} s.`,
        });
      }
    });
  },
  { name: 'gateway-rate-limit', dependencies: ['gateway-authentication'] },
);

interface RateLimitCommands {
  atlasFixedWindow(key: string, windowMs: number): Promise<unknown>;
}
