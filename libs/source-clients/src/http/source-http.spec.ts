import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import { redactUrl } from './redact-url';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from './retry-policy';
import { SourceHttp } from './source-http';
import { SourceClientError, SourceErrorCode } from '../errors';
import { UNLIMITED } from '../rate-limit/rate-limiter';
import { createCaptureLogger, realBody, ReplayServer } from '../testing';
import type { SourceClientOptions } from './client-options';

const PAGE_BODY = realBody('crossref/api_responses/work-list_rcrossref_0.json.gz');

/** Returns a loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('SourceHttp', () => {
  let server: ReplayServer;

  beforeAll(async () => {
    server = await ReplayServer.start();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  const http = (options: Partial<SourceClientOptions> = {}) =>
    new SourceHttp(
      'crossref',
      {
        baseUrl: server.url(),
        rateLimiter: UNLIMITED,
        retry: { baseDelayMs: 10, maxAttempts: 3 },
        ...options,
      },
      { ratePerSecond: 1, burst: 1 },
    );

  it('retries a timeout mid-page then fails after max attempts', async () => {
    const { logger, lines } = createCaptureLogger();
    const stall = { kind: 'stall', afterBytes: 1000, ms: 2000 } as const;
    server.route({ path: '/works', response: { body: PAGE_BODY }, faults: [stall, stall, stall] });
    const client = http({ logger, timeouts: { connectMs: 1000, totalMs: 300 } });
    const failure = client.getText(client.url('works'), 'application/json');

    await expect(failure).rejects.toBeInstanceOf(SourceClientError);
    await expect(failure).rejects.toMatchObject({ code: SourceErrorCode.timeout, attempts: 3 });
    expect(server.requests.map((request) => request.outcome)).toEqual(['stall', 'stall', 'stall']);
    expect(lines.map((line) => line.attempt)).toEqual([1, 2]);
    expect(lines.every((line) => typeof line.delayMs === 'number')).toBe(true);
  });

  it('recovers when a timed-out page is served on retry', async () => {
    server.route({
      path: '/works',
      response: { body: PAGE_BODY },
      faults: [{ kind: 'delay', ms: 1000 }],
    });
    const client = http({ timeouts: { connectMs: 200, totalMs: 5000 } });
    const response = await client.getText(client.url('works'), 'application/json');

    expect(response.body).toBe(PAGE_BODY);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 404', async () => {
    const client = http();
    await expect(client.getText(client.url('works/missing'), 'application/json')).rejects.toMatchObject({
      code: SourceErrorCode.httpStatus,
      status: 404,
      attempts: 1,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a network error with its cause', async () => {
    const port = await closedPort();
    const client = http({ baseUrl: `http://127.0.0.1:${port}` });
    const failure = await client
      .getText(client.url('works'), 'application/json')
      .catch((error: unknown) => error);

    expect(failure).toMatchObject({ code: SourceErrorCode.network, attempts: 3 });
    expect((failure as Error).cause).toMatchObject({ message: 'fetch failed' });
  });

  it('fails when Retry-After exceeds the allowed wait', async () => {
    server.route({
      path: '/works',
      response: { body: PAGE_BODY },
      faults: [{ kind: 'status', status: 503, retryAfter: '3600' }],
    });
    const client = http();
    await expect(client.getText(client.url('works'), 'application/json')).rejects.toMatchObject({
      code: SourceErrorCode.httpStatus,
      status: 503,
    });
    expect(server.requests).toHaveLength(1);
  });
});

describe('retry policy', () => {
  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('backs off exponentially with jitter and a cap', () => {
    const options = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, options, () => 0)).toBe(50);
    expect(backoffDelay(1, options, () => 1)).toBe(100);
    expect(backoffDelay(3, options, () => 1)).toBe(400);
    expect(backoffDelay(10, options, () => 1)).toBe(1000);
  });

  it('redacts credentials from URLs', () => {
    const url = new URL('https://user:pw@api.openalex.org/works?api_key=abc&mailto=a%40b.org&access_token=t');
    const shown = redactUrl(url);
    expect(shown).not.toContain('abc');
    expect(shown).not.toContain('pw');
    expect(shown).toContain('mailto=a%40b.org');
    expect(shown).toContain('access_token=REDACTED');
  });
});
