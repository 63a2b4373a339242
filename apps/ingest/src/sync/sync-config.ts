import Type from 'typebox';

import type { Static } from 'typebox';

function sourceUrl(source: string, defaultUrl: string) {
  return Type.String({
    env: `ATLAS_SYNC_${source.toUpperCase()}_URL`,
    default: defaultUrl,
    protocols: ['http:', 'https:'],
    description: `the ${source} API root that synchronisation requests`,
  });
}

/** Environment of source synchronisation, part of the ingest configuration. */
export const SyncSettings = {
  syncEnabled: Type.Boolean({
    env: 'ATLAS_SYNC_ENABLED',
    default: false,
    description:
      'whether this replica runs scheduled synchronisation; on-demand requests are served either way',
  }),
  syncPeriodSeconds: Type.Integer({
    env: 'ATLAS_SYNC_PERIOD_SECONDS',
    default: 86_400,
    minimum: 60,
    description: 'seconds between two scheduled synchronisations of one profile with one source',
  }),
  syncTickSeconds: Type.Integer({
    env: 'ATLAS_SYNC_TICK_SECONDS',
    default: 30,
    minimum: 1,
    description: 'seconds between two looks of the scheduler for due synchronisations',
  }),
  syncConcurrency: Type.Integer({
    env: 'ATLAS_SYNC_CONCURRENCY',
    default: 2,
    minimum: 1,
    maximum: 64,
    description: 'profiles one replica synchronises at the same time',
  }),
  syncLeaseSeconds: Type.Integer({
    env: 'ATLAS_SYNC_LEASE_SECONDS',
    default: 120,
    minimum: 5,
    description: 'seconds a replica keeps the Redis lease of a profile and source without renewing it',
  }),
  syncRetryBaseSeconds: Type.Integer({
    env: 'ATLAS_SYNC_RETRY_BASE_SECONDS',
    default: 300,
    minimum: 1,
    description: 'delay before the first retry of a failed synchronisation; it doubles with each failure',
  }),
  syncRetryMaxSeconds: Type.Integer({
    env: 'ATLAS_SYNC_RETRY_MAX_SECONDS',
    default: 21_600,
    minimum: 1,
    description: 'maximum delay between two retries of a failing synchronisation',
  }),
  syncBreakerFailures: Type.Integer({
    env: 'ATLAS_SYNC_BREAKER_FAILURES',
    default: 5,
    minimum: 1,
    description: 'failed runs of a source in a row, over all replicas, that open its circuit',
  }),
  syncBreakerOpenSeconds: Type.Integer({
    env: 'ATLAS_SYNC_BREAKER_OPEN_SECONDS',
    default: 300,
    minimum: 1,
    description: 'seconds an open circuit rejects synchronisations before one trial run is let through',
  }),
  syncRequestAttempts: Type.Integer({
    env: 'ATLAS_SYNC_REQUEST_ATTEMPTS',
    default: 5,
    minimum: 1,
    maximum: 20,
    description: 'attempts per source request, the first included, before the run fails',
  }),
  syncRequestTimeoutMs: Type.Integer({
    env: 'ATLAS_SYNC_REQUEST_TIMEOUT_MS',
    default: 60_000,
    minimum: 100,
    description: 'milliseconds one attempt of a source request may take, reading the body included',
  }),
  syncRedisPrefix: Type.String({
    env: 'ATLAS_INGEST_REDIS_PREFIX',
    default: 'atlas:ingest:',
    minLength: 1,
    description: 'prefix of every Redis key ingest writes: leases, circuits and rate limits',
  }),
  syncMailto: Type.Optional(
    Type.String({
      env: 'ATLAS_SYNC_MAILTO',
      minLength: 3,
      description: 'contact address sent to OpenAlex and Crossref for their polite pools',
    }),
  ),
  syncOpenalexUrl: sourceUrl('openalex', 'https://api.openalex.org'),
  syncCrossrefUrl: sourceUrl('crossref', 'https://api.crossref.org'),
  syncHalUrl: sourceUrl('hal', 'https://api.archives-ouvertes.fr/search/'),
  syncOrcidUrl: sourceUrl('orcid', 'https://pub.orcid.org/v3.0'),
  syncArxivUrl: sourceUrl('arxiv', 'https://export.arxiv.org/api/query'),
};

/** Synchronisation settings after parsing. */
export type SyncConfig = Static<ReturnType<typeof Type.Object<typeof SyncSettings>>>;
