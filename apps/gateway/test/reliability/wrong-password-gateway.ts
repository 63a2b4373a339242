import { Writable } from 'node:stream';

import { loadConfig } from '@atlas/config';
import { buildService } from '@atlas/service-runtime';

import { waitFor } from '@atlas/service-testing';

import app from '../../src/app';
import { GatewayConfigSchema } from '../../src/config';
import type { GatewayConfig } from '../../src/config';

/**
 * Builds a gateway in this process whose NATS and Redis URLs carry wrong passwords, waits until it
 * logged both failed connections, closes it and returns everything it logged.
 */
export async function logsOfWrongPasswordGateway(env: Record<string, string>): Promise<string> {
  let logged = '';
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged += chunk.toString('utf8');
      done();
    },
  });
  const config = loadConfig(GatewayConfigSchema, env) as GatewayConfig;
  const gateway = await buildService({ name: 'gateway', config, app, logStream });
  try {
    await waitFor(
      async () => logged.includes('NATS connection failed') && logged.includes('Redis connection failed'),
      'the failed NATS and Redis connections in the log',
      20_000,
    );
  } finally {
    await gateway.close();
  }
  return logged;
}
