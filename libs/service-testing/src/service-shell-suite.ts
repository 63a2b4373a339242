import type { TObject } from 'typebox';

import { ConfigError, loadConfig } from '@atlas/config';
import { shutdownTelemetry, startTelemetry } from '@atlas/observability';
import { buildService } from '@atlas/service-runtime';

import type { AtlasServer, BaseServiceConfig, ServiceApp } from '@atlas/service-runtime';

import { closedPort } from './closed-port';
import { startServiceProcess, waitUntilReady } from './service-process';
import { waitFor } from './wait-for';

/** Description of the service that `describeServiceShell` tests. */
export interface ServiceShellSpec<C extends BaseServiceConfig> {
  name: string;
  configSchema: TObject;
  app: ServiceApp<C>;
  /** Readiness checks the service registers, e.g. `['postgres', 'nats']`. */
  dependencies: string[];
  /** Variable holding the service's own port, e.g. `ATLAS_INGEST_PORT`. */
  portVariable: string;
}

/** Environment with the stack's URLs, as Jest's global setup exports them. */
function stackEnv(): Record<string, string> {
  const names = ['DATABASE_URL', 'NATS_URL', 'REDIS_URL'];
  return Object.fromEntries(names.map((name) => [name, process.env[name] ?? '']));
}

async function readyStatus(server: AtlasServer): Promise<number> {
  return (await server.inject({ method: 'GET', url: '/health/ready' })).statusCode;
}

async function readiness(server: AtlasServer): Promise<{ status: string; down?: string[] }> {
  return (await server.inject({ method: 'GET', url: '/health/ready' })).json();
}

/**
 * Defines the tests every service shell must pass against the real stack: health, readiness up and
 * down, metrics, configuration errors, and a real process stopping cleanly on SIGTERM.
 */
export function describeServiceShell<C extends BaseServiceConfig>(spec: ServiceShellSpec<C>): void {
  const servers: AtlasServer[] = [];

  async function build(env: Record<string, string>): Promise<AtlasServer> {
    const config = loadConfig(spec.configSchema, { ...stackEnv(), ATLAS_LOG_LEVEL: 'silent', ...env }) as C;
    const server = await buildService({ name: spec.name, config, app: spec.app });
    servers.push(server);
    return server;
  }

  beforeAll(() => startTelemetry({ serviceName: spec.name, instrumentations: [] }));
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });
  afterAll(() => shutdownTelemetry());

  describe(`${spec.name} service shell`, () => {
    it('answers /health', async () => {
      const server = await build({});
      const response = await server.inject({ method: 'GET', url: '/health' });

      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok' });
    });

    it('is ready with every dependency up', async () => {
      const server = await build({});
      await waitFor(async () => (await readyStatus(server)) === 200, 'readiness');
      const body = (await server.inject({ method: 'GET', url: '/health/ready' })).json();

      expect(body.status).toBe('ready');
      expect(Object.keys(body.checks).sort()).toEqual([...spec.dependencies].sort());
    });

    it('is not ready when NATS is unreachable', async () => {
      const server = await build({ NATS_URL: `nats://127.0.0.1:${await closedPort()}` });
      // The event bus runs over NATS, so it is down too. Every other dependency connects in the background.
      const expectedDown = spec.dependencies.filter((name) => name === 'nats' || name === 'event-bus').sort();
      const onlyNatsDown = async () =>
        (await readiness(server)).down?.slice().sort().join() === expectedDown.join();
      await waitFor(onlyNatsDown, 'only NATS and what runs over it to be down');
      const response = await server.inject({ method: 'GET', url: '/health/ready' });

      expect(response.statusCode).toBe(503);
      expect(response.json().down.sort()).toEqual(expectedDown);
      expect(response.json().checks.nats.status).toBe('down');
    });

    it('is not ready when PostgreSQL is unreachable', async () => {
      const port = await closedPort();
      const server = await build({ DATABASE_URL: `postgres://atlas:secret@127.0.0.1:${port}/atlas` });
      await waitFor(async () => (await readyStatus(server)) === 503, 'readiness to fail');
      const response = await server.inject({ method: 'GET', url: '/health/ready' });

      expect(response.json().down).toContain('postgres');
      expect(response.json().checks.postgres).toMatchObject({ status: 'down', reason: 'error' });
    });

    it('serves Prometheus metrics', async () => {
      const server = await build({});
      await server.inject({ method: 'GET', url: '/health' });
      const response = await server.inject({ method: 'GET', url: '/metrics' });

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/plain');
      expect(response.body).toContain('# TYPE http_server_request_duration_seconds histogram');
    });

    it('names every bad variable', () => {
      const env = { [spec.portVariable]: 'eighty', ATLAS_LOG_LEVEL: 'chatty' };
      const error = captureConfigError(spec.configSchema, env);
      const variables = error.issues.map((issue) => issue.variable);

      expect(variables).toEqual(expect.arrayContaining([spec.portVariable, 'ATLAS_LOG_LEVEL', 'NATS_URL']));
      expect(variables).toContain(`ATLAS_${spec.name.toUpperCase()}_DATABASE_URL`);
    });

    it('stops cleanly on SIGTERM', async () => {
      const port = await closedPort();
      const service = startServiceProcess(spec.name, { ...stackEnv(), [spec.portVariable]: String(port) });
      try {
        await waitUntilReady(`http://127.0.0.1:${port}`);
        service.child.kill('SIGTERM');
        const exit = await service.exited;

        expect(exit.code).toBe(0);
        expect(service.output()).toContain(`"msg":"${spec.name} started"`);
        expect(service.output()).toContain(`"msg":"${spec.name} stopped"`);
      } finally {
        if (service.child.exitCode === null) service.child.kill('SIGKILL');
      }
    }, 60_000);
  });
}

function captureConfigError(schema: TObject, env: Record<string, string>): ConfigError {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted an invalid environment');
}
