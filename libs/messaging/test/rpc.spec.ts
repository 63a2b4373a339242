import pino from 'pino';
import Type from 'typebox';

import { defineRpc } from '@atlas/contracts';

import { RpcCallError, RpcHandlerError, callRpc, connectNats, rpcHandler, serveRpc } from '../src';

import type { Service } from '@nats-io/services';

import type { MessagingConnection } from '../src';

import { captureLogs, workWithAuthors } from './test-events';
import { startTestNats } from '@atlas/testing';

import type { TestNats } from '@atlas/testing';

const GetWork = defineRpc({
  service: 'verification',
  operation: 'getWork',
  request: Type.Object({ workId: Type.String({ minLength: 1 }), authorCount: Type.Optional(Type.Integer()) }),
  result: Type.Object({
    workId: Type.String(),
    title: Type.String(),
    authors: Type.Array(
      Type.Object({ position: Type.Integer(), name: Type.String(), affiliation: Type.String() }),
    ),
  }),
});

const SlowOperation = defineRpc({
  service: 'verification',
  operation: 'slowOperation',
  request: Type.Object({}),
  result: Type.Object({}),
});

const Unserved = defineRpc({
  service: 'matching',
  operation: 'explainScore',
  request: Type.Object({}),
  result: Type.Object({}),
});

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

let nats: TestNats;
let connection: MessagingConnection;
let service: Service;
const captured = captureLogs();
const seenHeaders: Record<string, string | undefined>[] = [];

beforeAll(async () => {
  nats = await startTestNats();
  connection = await connectNats({ url: nats.url, name: 'rpc-test', log: pino({ level: 'silent' }) });
  service = await serveRpc(connection.nc, {
    service: 'verification',
    version: '1.0.0',
    description: 'Verification operations',
    log: captured.log,
    handlers: [
      rpcHandler(GetWork, async (request, context) => {
        seenHeaders.push({ traceparent: context.traceparent, correlationId: context.correlationId });
        if (request.workId === 'missing') throw new RpcHandlerError('NOT_FOUND', 'Work missing not found');
        if (request.workId === 'crash') throw new Error('connection to 10.0.0.7 refused');
        return workWithAuthors(request.workId, request.authorCount ?? 1);
      }),
      rpcHandler(SlowOperation, () => new Promise((resolve) => setTimeout(() => resolve({}), 1_000))),
    ],
  });
});

afterAll(async () => {
  await service?.stop();
  await connection?.close();
  await nats?.stop();
});

async function callError(promise: Promise<unknown>): Promise<RpcCallError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RpcCallError);
  return error as RpcCallError;
}

describe('request/reply', () => {
  it('returns the result', async () => {
    const result = await callRpc(connection.nc, GetWork, { workId: 'work-1' });
    expect(result.workId).toBe('work-1');
    expect(result.authors).toHaveLength(1);
  });

  it('propagates trace headers', async () => {
    await callRpc(
      connection.nc,
      GetWork,
      { workId: 'work-2' },
      { headers: { traceparent, correlationId: 'req-42' } },
    );
    expect(seenHeaders.at(-1)).toEqual({ traceparent, correlationId: 'req-42' });
  });

  it('maps a typed handler error', async () => {
    const error = await callError(callRpc(connection.nc, GetWork, { workId: 'missing' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('Work missing not found');
  });

  it('hides an unexpected error', async () => {
    const error = await callError(callRpc(connection.nc, GetWork, { workId: 'crash' }));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('Internal error');
    const logged = captured.lines().find((line) => line.level === 50 && line.operation === 'getWork');
    expect(JSON.stringify(logged)).toContain('10.0.0.7');
  });

  it('rejects an invalid request naming the field', async () => {
    const error = await callError(callRpc(connection.nc, GetWork, { workId: '' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('/workId');
    expect(error.details).toMatchObject({ issues: [expect.objectContaining({ path: '/workId' })] });
  });

  it('times out', async () => {
    const error = await callError(callRpc(connection.nc, SlowOperation, {}, { timeoutMs: 200 }));
    expect(error.code).toBe('TIMEOUT');
  });

  it('reports no responders as unavailable', async () => {
    const error = await callError(callRpc(connection.nc, Unserved, {}));
    expect(error.code).toBe('UNAVAILABLE');
  });

  it('carries a reply larger than one message', async () => {
    const result = await callRpc(
      connection.nc,
      GetWork,
      { workId: 'work-big', authorCount: 2_134 },
      { timeoutMs: 10_000 },
    );
    expect(JSON.stringify(result).length).toBeGreaterThan(1024 * 1024);
    expect(result.authors).toHaveLength(2_134);
    expect(result.authors[2_133]?.position).toBe(2_133);
  });

  it('serves in a queue group named after the service', async () => {
    const stats = await service.stats();
    const endpoint = stats.endpoints?.find((entry) => entry.name === 'getWork');
    expect(endpoint?.queue_group).toBe('verification');
    expect(endpoint?.num_requests).toBe(6);
  });
});
