import { sign } from '@fastify/cookie';

import { EXAMPLE_IDS, ListPublicWorksRpc } from '@atlas/contracts';
import { shutdownTelemetry, startTelemetry } from '@atlas/observability';
import { closedPort } from '@atlas/service-testing';

import { SESSION_SECRET, startGateway } from './gateway-harness';
import type { GatewayHarness } from './gateway-harness';

let gateway: GatewayHarness;
const sessionCookie = `atlas_session=${encodeURIComponent(sign('a-session-id', SESSION_SECRET))}`;

beforeAll(async () => {
  // Telemetry starts first so that the fail-open counter is exported at /metrics.
  startTelemetry({ serviceName: 'gateway', instrumentations: [] });
  gateway = await startGateway({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await shutdownTelemetry();
});

describe('gateway with Redis down', () => {
  it('answers 503 on sign-in', async () => {
    const response = await fetch(`${gateway.baseUrl}/auth/session`, {
      headers: { cookie: sessionCookie },
    });
    const body = (await response.json()) as { error: { code: string; message: string } };

    expect(response.status).toBe(503);
    expect(body.error.code).toBe('GATEWAY_ERR_SESSION_STORE_UNAVAILABLE');
    expect(body.error.message).toContain('session store cannot be reached');
  });

  it('answers 503 on session routes', async () => {
    const response = await fetch(`${gateway.baseUrl}/profile`, {
      headers: { cookie: sessionCookie },
    });

    expect(response.status).toBe(503);
  });

  it('lets requests through the rate limiter', async () => {
    gateway.responder.reply(ListPublicWorksRpc, {
      items: [],
      nextCursor: null,
      profile: { id: EXAMPLE_IDS.profile, displayName: 'Example Researcher' },
    });
    const response = await fetch(`${gateway.baseUrl}/public/profiles/${EXAMPLE_IDS.profile}/works`);
    const metrics = await fetch(`${gateway.baseUrl}/metrics`);

    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-limit')).toBeNull();
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/gateway_rate_limit_fail_open_total(\{[^}]*\})? [1-9]/);
  });
});

describe('response schemas', () => {
  // Runs last, so it covers every response the tests above received.
  it('declare every status the routes returned', () => {
    expect(gateway.undeclaredStatuses()).toEqual([]);
  });
});
