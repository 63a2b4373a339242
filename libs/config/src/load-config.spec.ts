import Type from 'typebox';

import { ConfigError } from './config-error';
import { databaseSettings, natsSettings, redisSettings, serviceSettings } from './fragments';
import { loadConfig } from './load-config';
import { redactConfig, REDACTED } from './redact-config';

const schema = Type.Object({
  ...serviceSettings('ingest'),
  ...natsSettings(),
  ...redisSettings(),
  ...databaseSettings('ingest'),
  batchSize: Type.Integer({ env: 'ATLAS_INGEST_BATCH_SIZE', default: 500, minimum: 1 }),
  dryRun: Type.Boolean({ env: 'ATLAS_INGEST_DRY_RUN', default: false }),
  sources: Type.Array(Type.String(), { env: 'ATLAS_INGEST_SOURCES', default: ['openalex'] }),
  apiToken: Type.Optional(Type.String({ env: 'ATLAS_INGEST_API_TOKEN', minLength: 20 })),
});

const validEnv = {
  NATS_URL: 'nats://127.0.0.1:4222',
  REDIS_URL: 'redis://127.0.0.1:6379',
  DATABASE_URL: 'postgres://atlas:hunter2@127.0.0.1:5432/atlas',
};

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted an invalid environment');
}

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig(schema, validEnv);

    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3001);
    expect(config.logLevel).toBe('info');
    expect(config.shutdownTimeoutMs).toBe(10_000);
    expect(config.otlpEndpoint).toBeUndefined();
    expect(config.sources).toEqual(['openalex']);
  });

  it('converts numbers, booleans and lists', () => {
    const config = loadConfig(schema, {
      ...validEnv,
      ATLAS_INGEST_PORT: '4100',
      ATLAS_INGEST_DRY_RUN: 'yes',
      ATLAS_INGEST_BATCH_SIZE: ' 25 ',
      ATLAS_INGEST_SOURCES: 'hal, arxiv,crossref',
    });

    expect(config.port).toBe(4100);
    expect(config.dryRun).toBe(true);
    expect(config.batchSize).toBe(25);
    expect(config.sources).toEqual(['hal', 'arxiv', 'crossref']);
  });

  it('prefers the service database URL over DATABASE_URL', () => {
    const own = 'postgres://ingest_runtime:pw@127.0.0.1:5432/atlas';
    const config = loadConfig(schema, { ...validEnv, ATLAS_INGEST_DATABASE_URL: own });

    expect(config.databaseUrl).toBe(own);
    expect(loadConfig(schema, validEnv).databaseUrl).toBe(validEnv.DATABASE_URL);
  });

  it('lists every bad or missing variable at once', () => {
    const error = configError({
      ATLAS_INGEST_PORT: '70000',
      ATLAS_LOG_LEVEL: 'loud',
      ATLAS_INGEST_DRY_RUN: 'maybe',
      REDIS_URL: 'http://127.0.0.1:6379',
    });
    const variables = error.issues.map((issue) => issue.variable).sort();

    expect(variables).toEqual([
      'ATLAS_INGEST_DATABASE_URL',
      'ATLAS_INGEST_DRY_RUN',
      'ATLAS_INGEST_PORT',
      'ATLAS_LOG_LEVEL',
      'NATS_URL',
      'REDIS_URL',
    ]);
    expect(error.code).toBe('CONFIG_ERR_INVALID_ENVIRONMENT');
    expect(error.message).toContain('6 environment variables must be fixed');
    expect(error.message).toContain(
      'ATLAS_INGEST_PORT: must be a whole number from 1 to 65535 (got "70000")',
    );
    expect(error.message).toContain('ATLAS_LOG_LEVEL: must be one of: fatal, error, warn, info');
    expect(error.message).toContain('NATS_URL: is missing. Set NATS_URL: the NATS server URL');
    expect(error.message).toContain('ATLAS_INGEST_DATABASE_URL (or DATABASE_URL)');
  });

  it('names the primary variable when the fallback is invalid', () => {
    const error = configError({ ...validEnv, DATABASE_URL: 'not-a-url' });

    expect(error.issues.map((issue) => issue.variable)).toEqual(['DATABASE_URL']);
    expect(error.message).toContain('Set DATABASE_URL (or ATLAS_INGEST_DATABASE_URL)');
  });

  it('never shows secret values', () => {
    const error = configError({
      ...validEnv,
      DATABASE_URL: 'mysql://atlas:hunter2@127.0.0.1/atlas',
      ATLAS_INGEST_API_TOKEN: 'short-token',
      ATLAS_OTLP_ENDPOINT: 'ftp://user:pa55@collector',
    });

    expect(error.issues.map((issue) => issue.variable).sort()).toEqual([
      'ATLAS_INGEST_API_TOKEN',
      'ATLAS_OTLP_ENDPOINT',
      'DATABASE_URL',
    ]);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('short-token');
    expect(error.message).not.toContain('pa55');
  });

  it('accepts a comma-separated NATS cluster', () => {
    const cluster = 'nats://10.0.0.1:4222, nats://10.0.0.2:4222,nats://10.0.0.3:4222';
    expect(loadConfig(schema, { ...validEnv, NATS_URL: cluster }).natsUrl).toBe(cluster);

    const error = configError({ ...validEnv, NATS_URL: 'nats://10.0.0.1:4222,http://10.0.0.2:4222' });
    expect(error.issues.map((issue) => issue.variable)).toEqual(['NATS_URL']);
    expect(error.message).toContain(
      'must be a URL starting with nats:// or tls://, or several separated by commas',
    );
  });

  it('keeps one stream replica unless a cluster is configured', () => {
    expect(loadConfig(schema, validEnv).natsStreamReplicas).toBe(1);
    expect(loadConfig(schema, { ...validEnv, ATLAS_NATS_STREAM_REPLICAS: '3' }).natsStreamReplicas).toBe(3);
    expect(configError({ ...validEnv, ATLAS_NATS_STREAM_REPLICAS: '7' }).message).toContain(
      'ATLAS_NATS_STREAM_REPLICAS',
    );
  });

  it('treats empty values as unset', () => {
    const error = configError({ ...validEnv, NATS_URL: '  ' });

    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.variable).toBe('NATS_URL');
  });
});

describe('redactConfig', () => {
  it('hides secrets and keeps the rest', () => {
    const config = loadConfig(schema, { ...validEnv, ATLAS_INGEST_API_TOKEN: 'a'.repeat(24) });
    const redacted = redactConfig(schema, config);

    expect(redacted['databaseUrl']).toBe(REDACTED);
    expect(redacted['apiToken']).toBe(REDACTED);
    expect(redacted['natsUrl']).toBe(REDACTED);
    expect(redacted['port']).toBe(3001);
  });
});
