import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

import type { Source } from '@atlas/contracts';
import {
  ArxivClient,
  CrossrefClient,
  HalClient,
  OpenAlexClient,
  OrcidClient,
  createRedisRateLimiter,
} from '@atlas/source-clients';
import type { SourceClientOptions, TokenBucketRate } from '@atlas/source-clients';

import type { SyncConfig } from '../sync-config';

/** One client per source. */
export interface SourceClients {
  openalex: OpenAlexClient;
  crossref: CrossrefClient;
  hal: HalClient;
  orcid: OrcidClient;
  arxiv: ArxivClient;
}

/**
 * Request rates shared by every replica through Redis. OpenAlex documents 10 requests per second,
 * ORCID's public API 24 per second with bursts of 40, and arXiv one request every 3 seconds. Crossref
 * and HAL publish no fixed figure for this use, so they get a modest 5 per second.
 */
export const SOURCE_RATES: Record<Source, TokenBucketRate> = {
  openalex: { ratePerSecond: 10, burst: 10 },
  crossref: { ratePerSecond: 5, burst: 5 },
  hal: { ratePerSecond: 5, burst: 5 },
  orcid: { ratePerSecond: 24, burst: 40 },
  arxiv: { ratePerSecond: 1 / 3, burst: 1 },
};

/** Creates the source clients with rate limits kept in Redis, so all replicas share each source's rate. */
export function createSourceClients(config: SyncConfig, redis: Redis, logger: Logger): SourceClients {
  const options = (source: Source, baseUrl: string): SourceClientOptions => ({
    baseUrl,
    ...(config.syncMailto ? { mailto: config.syncMailto } : {}),
    retry: { maxAttempts: config.syncRequestAttempts },
    timeouts: {
      totalMs: config.syncRequestTimeoutMs,
      connectMs: Math.min(10_000, config.syncRequestTimeoutMs),
    },
    rateLimiter: createRedisRateLimiter({
      redis,
      keyPrefix: `${config.syncRedisPrefix}rate`,
      ...SOURCE_RATES[source],
    }),
    logger: logger.child({ source }),
  });
  return {
    openalex: new OpenAlexClient(options('openalex', config.syncOpenalexUrl)),
    crossref: new CrossrefClient(options('crossref', config.syncCrossrefUrl)),
    hal: new HalClient(options('hal', config.syncHalUrl)),
    orcid: new OrcidClient(options('orcid', config.syncOrcidUrl)),
    arxiv: new ArxivClient(options('arxiv', config.syncArxivUrl)),
  };
}
