import Type from 'typebox';

import { ConfigError, SERVICE_NAMES, loadConfig, servicePrefix } from '@atlas/config';
import type { ConfigIssue, ServiceName } from '@atlas/config';

// The check must use the services' own schemas, which no library exports, so this tool reads the apps'
// config files directly. They import only typebox and @atlas/config.
/* eslint-disable @nx/enforce-module-boundaries */
import { GatewayConfigSchema } from '../../apps/gateway/src/config';
import { IngestConfigSchema } from '../../apps/ingest/src/config';
import { MatchingConfigSchema } from '../../apps/matching/src/config';
import { NotificationConfigSchema } from '../../apps/notification/src/config';
import { VerificationConfigSchema } from '../../apps/verification/src/config';
/* eslint-enable @nx/enforce-module-boundaries */

import type { TObject } from 'typebox';

const CONFIG_SCHEMAS: Readonly<Record<ServiceName, TObject>> = {
  gateway: GatewayConfigSchema,
  ingest: IngestConfigSchema,
  matching: MatchingConfigSchema,
  verification: VerificationConfigSchema,
  notification: NotificationConfigSchema,
};

/** Stand-ins for the server URLs, which npm start sets itself once the stack runs. */
const FILLED_IN_LATER: Readonly<Record<string, string>> = {
  DATABASE_URL: 'postgres://atlas@127.0.0.1:5432/atlas',
  NATS_URL: 'nats://127.0.0.1:4222',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

/** The server URLs npm start takes from the environment instead of starting its own servers. */
const StackUrlSchema = Type.Object({
  databaseUrl: Type.Optional(
    Type.String({
      env: 'DATABASE_URL',
      protocols: ['postgres:', 'postgresql:'],
      secret: true,
      description:
        'a postgres:// URL of a superuser of your own PostgreSQL, or unset it to let npm start run one',
    }),
  ),
  natsUrl: Type.Optional(
    Type.String({
      env: 'NATS_URL',
      protocols: ['nats:', 'tls:'],
      secret: true,
      description: 'a nats:// URL of your own NATS server, or unset it to let npm start run one',
    }),
  ),
  redisUrl: Type.Optional(
    Type.String({
      env: 'REDIS_URL',
      protocols: ['redis:', 'rediss:'],
      secret: true,
      description: 'a redis:// URL of your own Redis server, or unset it to let npm start run one',
    }),
  ),
});

/**
 * The environment the services would see, with the values `npm start` sets itself replaced by stand-ins.
 * The server URLs are checked by {@link StackUrlSchema}, whose messages fit npm start.
 */
function environmentToCheck(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const checked: NodeJS.ProcessEnv = { ...env, ...FILLED_IN_LATER };
  for (const service of SERVICE_NAMES) {
    // npm start replaces these with the runtime roles' URLs, so only DATABASE_URL comes from the user.
    delete checked[`${servicePrefix(service)}_DATABASE_URL`];
  }
  return checked;
}

/**
 * Checks the environment against the configuration schema of every service before anything starts,
 * and raises one `ConfigError` listing each bad variable once, as the services themselves would.
 */
export function validateStartEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  const checked = environmentToCheck(env);
  const issues = new Map<string, ConfigIssue>();
  try {
    loadConfig(StackUrlSchema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) issues.set(issue.variable, issue);
  }
  for (const service of SERVICE_NAMES) {
    try {
      loadConfig(CONFIG_SCHEMAS[service], checked);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const issue of error.issues) if (!issues.has(issue.variable)) issues.set(issue.variable, issue);
    }
  }
  if (issues.size > 0) throw new ConfigError([...issues.values()]);
}

const portSchema = (service: ServiceName) =>
  Type.Object({
    port: Type.Optional(
      Type.Integer({
        env: `${servicePrefix(service)}_PORT`,
        minimum: 1,
        maximum: 65535,
        description: `the TCP port of the ${service} service`,
      }),
    ),
  });

/** Reads the `ATLAS_<SERVICE>_PORT` variables that are set; raises a `ConfigError` naming invalid ones. */
export function readGivenPorts(env: NodeJS.ProcessEnv = process.env): Partial<Record<ServiceName, number>> {
  const ports: Partial<Record<ServiceName, number>> = {};
  const issues: ConfigIssue[] = [];
  for (const service of SERVICE_NAMES) {
    try {
      const { port } = loadConfig(portSchema(service), env);
      if (port !== undefined) ports[service] = port;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return ports;
}
