import { jetstream } from '@nats-io/jetstream';
import { Svcm } from '@nats-io/services';
import { headers as createHeaders } from '@nats-io/nats-core';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { v7 as uuidv7 } from 'uuid';

import type { Service, ServiceMsg } from '@nats-io/services';
import type { MsgHdrs, NatsConnection } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import type { Static, TSchema } from 'typebox';

import type { RpcDefinition, RpcError, RpcReply, ServiceName } from '@atlas/contracts';

import { HEADERS } from '../headers';
import { LargePayloadStore, RPC_PAYLOAD_BUCKET } from '../payloads/large-payload-store';
import { describeIssues, validateAgainst } from '../schema-validation';
import { extractTraceContext, traceparentOf, withMessagingSpan } from '../tracing/message-tracing';
import { RpcHandlerError, isRpcErrorCode, serviceErrorStatus } from './rpc-errors';
import { rpcSpan } from './rpc-span';

import type { TraceHeaders } from '../headers';
import type { RpcServerMetrics } from '../metrics';

/** Trace headers and a logger passed to a handler with each request. */
export interface RpcContext extends TraceHeaders {
  /** Logger carrying the operation and correlation id. */
  log: Logger;
}

/** One operation and the function that serves it. */
export interface RpcHandler<Request extends TSchema = TSchema, Result extends TSchema = TSchema> {
  definition: RpcDefinition<Request, Result>;
  handle(request: Static<Request>, context: RpcContext): Promise<Static<Result>>;
}

/** Pairs an operation with its handler, inferring the request and result types from the definition. */
export function rpcHandler<Request extends TSchema, Result extends TSchema>(
  definition: RpcDefinition<Request, Result>,
  handle: RpcHandler<Request, Result>['handle'],
): RpcHandler<Request, Result> {
  return { definition, handle };
}

/** Settings of {@link serveRpc}. */
export interface ServeRpcOptions {
  service: ServiceName;
  /** Semantic version the services framework reports, e.g. `1.4.0`. */
  version: string;
  description: string;
  // Handlers of different request types share one list, so their parameter types are erased here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handlers: RpcHandler<any, any>[];
  log: Logger;
  /** Queue group that replicas share; defaults to the service name. */
  queue?: string;
  largePayloads?: LargePayloadStore;
  metrics?: RpcServerMetrics;
}

/** Creates the store that carries request and reply bodies too large for one message. */
export function createRpcPayloadStore(nc: NatsConnection, thresholdBytes?: number): LargePayloadStore {
  // Bodies are fetched within a request timeout, so one hour of retention is plenty.
  return new LargePayloadStore(jetstream(nc), {
    bucket: RPC_PAYLOAD_BUCKET,
    ttlSeconds: 3_600,
    thresholdBytes,
  });
}

// Called inside the request's SERVER span, so the traceparent handed on names that span.
function requestContext(message: ServiceMsg, log: Logger): RpcContext {
  const traceparent = traceparentOf() ?? (message.headers?.get(HEADERS.traceparent) || undefined);
  const correlationId = message.headers?.get(HEADERS.correlationId) || undefined;
  return { traceparent, correlationId, log: log.child({ correlationId }) };
}

async function sendReply(message: ServiceMsg, payloads: LargePayloadStore, reply: RpcReply<unknown>) {
  const encoded = new TextEncoder().encode(JSON.stringify(reply));
  const outgoing = await payloads.prepare(`reply-${uuidv7()}`, encoded);
  // @nats-io/services bundles its own nats-core copy, whose header type differs only nominally.
  const replyHeaders = createHeaders() as unknown as NonNullable<ServiceMsg['headers']>;
  if (outgoing.reference) replyHeaders.set(HEADERS.payloadReference, outgoing.reference);
  if (reply.ok) {
    message.respond(outgoing.body, { headers: replyHeaders });
    return;
  }
  message.respondError(serviceErrorStatus(reply.error.code), reply.error.message, outgoing.body, {
    headers: replyHeaders,
  });
}

function errorReply(error: RpcError): RpcReply<never> {
  return { ok: false, error };
}

function badRequest(message: string, details?: Record<string, unknown>): RpcReply<never> {
  return errorReply({ code: 'BAD_REQUEST', message, details });
}

async function decodeRequest(message: ServiceMsg, payloads: LargePayloadStore, definition: RpcDefinition) {
  const body = await payloads.resolve(message.headers as MsgHdrs | undefined, message.data);
  let request: unknown;
  try {
    request = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return { reply: badRequest('Invalid request: the body is not JSON') };
  }
  const issues = validateAgainst(definition.request, request);
  if (issues.length > 0)
    return { reply: badRequest(`Invalid request: ${describeIssues(issues)}`, { issues }) };
  return { request };
}

function replyForError(error: unknown, context: RpcContext, operation: string): RpcReply<never> {
  if (error instanceof RpcHandlerError) {
    return errorReply({ code: error.code, message: error.message, details: error.details });
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && isRpcErrorCode(code) && code !== 'INTERNAL') {
    return errorReply({ code, message: error.message });
  }
  context.log.error({ err: error, operation }, 'Request handler failed');
  return errorReply({ code: 'INTERNAL', message: 'Internal error' });
}

/** Serves one request inside a SERVER span that continues the caller's trace. */
async function serveInSpan(
  message: ServiceMsg,
  handler: RpcHandler,
  payloads: LargePayloadStore,
  log: Logger,
  metrics: RpcServerMetrics | undefined,
) {
  const started = performance.now();
  const span = {
    ...rpcSpan(handler.definition, SpanKind.SERVER),
    parent: extractTraceContext(message.headers as MsgHdrs | undefined),
  };
  await withMessagingSpan(span, async (serverSpan) => {
    const reply = await serveOne(message, handler, payloads, log);
    if (!reply.ok) serverSpan.setAttribute('rpc.atlas.error_code', reply.error.code);
    if (!reply.ok && reply.error.code === 'INTERNAL') serverSpan.setStatus({ code: SpanStatusCode.ERROR });
    const code = reply.ok ? 'OK' : reply.error.code;
    metrics?.served(handler.definition.operation, code, (performance.now() - started) / 1_000);
  });
}

async function serveOne(
  message: ServiceMsg,
  handler: RpcHandler,
  payloads: LargePayloadStore,
  log: Logger,
): Promise<RpcReply<unknown>> {
  const { operation } = handler.definition;
  const context = requestContext(message, log);
  let reply: RpcReply<unknown>;
  try {
    const decoded = await decodeRequest(message, payloads, handler.definition);
    reply = decoded.reply ?? { ok: true, result: await handler.handle(decoded.request, context) };
    const issues = reply.ok ? validateAgainst(handler.definition.result, reply.result) : [];
    if (issues.length > 0) {
      context.log.error({ operation, issues }, 'Request handler returned a result outside its schema');
      reply = errorReply({ code: 'INTERNAL', message: 'Internal error' });
    }
  } catch (error) {
    reply = replyForError(error, context, operation);
  }
  await sendReply(message, payloads, reply);
  return reply;
}

/**
 * Serves request/reply operations through the NATS services framework, in a queue group so that
 * replicas share the load. Requests are validated against their schema; replies are
 * `{ ok: true, result }` or `{ ok: false, error }`, and unexpected errors reach callers only as INTERNAL.
 */
export async function serveRpc(nc: NatsConnection, options: ServeRpcOptions): Promise<Service> {
  const log = options.log.child({ component: 'rpc', service: options.service });
  const payloads = options.largePayloads ?? createRpcPayloadStore(nc);
  // @nats-io/services bundles its own nats-core copy, whose connection type differs only nominally.
  const service = await new Svcm(nc as unknown as ConstructorParameters<typeof Svcm>[0]).add({
    name: options.service,
    version: options.version,
    description: options.description,
    queue: options.queue ?? options.service,
  });

  for (const handler of options.handlers) {
    service.addEndpoint(handler.definition.operation, {
      subject: handler.definition.subject,
      handler: (error, message) => {
        if (error) {
          log.error({ err: error, operation: handler.definition.operation }, 'Request endpoint failed');
          return;
        }
        serveInSpan(message, handler, payloads, log, options.metrics).catch((replyError: unknown) =>
          log.error({ err: replyError, operation: handler.definition.operation }, 'Failed to send reply'),
        );
      },
    });
  }
  log.info(
    { operations: options.handlers.map((handler) => handler.definition.operation) },
    'Serving requests',
  );
  return service;
}
