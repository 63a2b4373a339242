import { Writable } from 'node:stream';

import Type from 'typebox';

import { ReadinessRegistry } from '../health/readiness-registry';
import { createServer } from './create-server';
import { ServiceError } from './service-error';

import type { AtlasServer } from './create-server';

type LogLine = Record<string, unknown> & { level: string; msg: string };

async function serverWithLogs(): Promise<{ server: AtlasServer; lines: LogLine[] }> {
  const lines: LogLine[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as LogLine);
      done();
    },
  });
  const server = await createServer({ serviceName: 'ingest', logLevel: 'info', logStream });

  server.post(
    '/items',
    { schema: { body: Type.Object({ title: Type.String({ minLength: 1 }), year: Type.Integer() }) } },
    async (request) => ({ title: request.body.title }),
  );
  server.get('/boom', async () => {
    throw new Error('connection to 10.0.0.5 refused');
  });
  server.get('/missing-item', async () => {
    throw new ServiceError({
      code: 'INGEST_ERR_ITEM_NOT_FOUND',
      statusCode: 404,
      message: 'Item 7 not found',
    });
  });
  await server.ready();
  return { server, lines };
}

describe('createServer', () => {
  let server: AtlasServer;
  let lines: LogLine[];

  beforeEach(async () => {
    ({ server, lines } = await serverWithLogs());
  });

  afterEach(() => server.close());

  it('echoes a valid correlation id', async () => {
    const response = await server.inject({
      url: '/missing-item',
      headers: { 'x-correlation-id': 'req-12345678' },
    });
    const requestLines = lines.filter((line) => line['requestId'] === 'req-12345678');

    expect(response.headers['x-correlation-id']).toBe('req-12345678');
    expect(requestLines.map((line) => line.msg)).toEqual([
      'incoming request',
      'Item 7 not found',
      'request completed',
    ]);
  });

  it('replaces an unsafe correlation id', async () => {
    const response = await server.inject({
      url: '/health',
      headers: { 'x-correlation-id': 'bad id\ninjected' },
    });

    expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names invalid fields', async () => {
    const response = await server.inject({ method: 'POST', url: '/items', payload: { title: '' } });
    const { error } = response.json();

    expect(response.statusCode).toBe(400);
    expect(error.code).toBe('RUNTIME_ERR_VALIDATION');
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.title' }),
        expect.objectContaining({ field: 'body.year' }),
      ]),
    );
    expect(error.requestId).toBe(response.headers['x-correlation-id']);
  });

  it('hides 5xx internals and logs them at error', async () => {
    const response = await server.inject({ url: '/boom' });
    const logged = lines.find((line) => line.msg === 'request failed');

    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('RUNTIME_ERR_INTERNAL');
    expect(response.body).not.toContain('10.0.0.5');
    expect(logged?.level).toBe('error');
    expect((logged?.['err'] as { message: string }).message).toContain('10.0.0.5');
    expect(logged).toMatchObject({ method: 'GET', url: '/boom', requestId: response.json().error.requestId });
  });

  it('maps service errors and logs them at info', async () => {
    const response = await server.inject({ url: '/missing-item' });
    const logged = lines.find((line) => line.msg === 'Item 7 not found');

    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({
      code: 'INGEST_ERR_ITEM_NOT_FOUND',
      message: 'Item 7 not found',
    });
    expect(logged?.level).toBe('info');
  });

  it('explains unreadable bodies', async () => {
    const post = (payload: string, contentType: string) =>
      server.inject({ method: 'POST', url: '/items', payload, headers: { 'content-type': contentType } });

    const tooLarge = await post(
      JSON.stringify({ title: 'x'.repeat(1_100_000), year: 2020 }),
      'application/json',
    );
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.message).toMatch(
      /^Request body too large: this route takes at most 1 MiB and the request sent 1100\d+ bytes\. Send a smaller body/,
    );

    const xml = await post('<item/>', 'application/xml');
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.message).toContain('Content-Type "application/xml" is not accepted here');
    expect(xml.json().error.message).toContain('application/json');

    const truncated = await post('{"title":', 'application/json');
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().error).toMatchObject({ code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
    expect(truncated.json().error.message).toMatch(
      /^The body is not valid JSON \(.+\)\. Send one JSON value/,
    );

    const empty = await post('', 'application/json');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('The body is empty but Content-Type is application/json');
  });

  it('rejects U+0000 in the query string', async () => {
    const response = await server.inject({ url: '/missing-item?search=a%00b' });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe(
      'Invalid request: querystring.search contains the NUL character U+0000; remove it and retry.',
    );
  });

  it('answers unknown routes with the error shape', async () => {
    const response = await server.inject({ url: '/nowhere?x=1' });

    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({
      code: 'RUNTIME_ERR_ROUTE_NOT_FOUND',
      message: 'Route GET /nowhere not found',
    });
  });

  it('returns 405 for a wrong method', async () => {
    const response = await server.inject({ method: 'PUT', url: '/items?x=1' });

    expect(response.statusCode).toBe(405);
    expect(response.headers['allow']).toBe('POST');
    expect(response.json().error).toMatchObject({
      code: 'RUNTIME_ERR_METHOD_NOT_ALLOWED',
      message: 'Method PUT is not allowed on /items; it takes POST.',
    });
    expect((await server.inject({ method: 'DELETE', url: '/missing-item' })).headers['allow']).toBe(
      'GET, HEAD',
    );
    expect((await server.inject({ method: 'PUT', url: '/items/7' })).statusCode).toBe(404);
  });

  it('reports metrics unavailable before telemetry starts', async () => {
    const response = await server.inject({ url: '/metrics' });

    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('RUNTIME_ERR_UNAVAILABLE');
  });

  it('is ready with no dependencies', async () => {
    const response = await server.inject({ url: '/health/ready' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', checks: {} });
  });
});

describe('ReadinessRegistry', () => {
  it('reports timeouts and errors per dependency', async () => {
    const registry = new ReadinessRegistry();
    registry.register('fast', async () => undefined);
    registry.register('hung', () => new Promise(() => undefined), 50);
    registry.register('broken', async () => {
      throw new Error('refused');
    });

    const report = await registry.run();

    expect(report.ready).toBe(false);
    expect(report.checks['fast']?.status).toBe('up');
    expect(report.checks['hung']).toMatchObject({ status: 'down', reason: 'timeout' });
    expect(report.checks['broken']).toMatchObject({ status: 'down', reason: 'error' });
    expect(report.failures.map((failure) => failure.name)).toEqual(['hung', 'broken']);
  });

  it('rejects a duplicate name', () => {
    const registry = new ReadinessRegistry();
    registry.register('postgres', async () => undefined);

    expect(() => registry.register('postgres', async () => undefined)).toThrow('already registered');
  });
});
