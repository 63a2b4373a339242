import { RequestError, TimeoutError, NoRespondersError, headers as createHeaders } from '@nats-io/nats-core';
import { SpanKind } from '@opentelemetry/api';
import { v7 as uuidv7 } from 'uuid';

import type { NatsConnection } from '@nats-io/nats-core';
import type { Static, TSchema } from 'typebox';

import { RpcReplySchema } from '@atlas/contracts';
import type { RpcDefinition, RpcReply } from '@atlas/contracts';

import { HEADERS } from '../headers';
import { describeIssues, validateAgainst } from '../schema-validation';
import { activeOrRemoteContext, injectTraceContext, withMessagingSpan } from '../tracing/message-tracing';
import { RpcCallError } from './rpc-errors';
import { rpcSpan } from './rpc-span';

import { createRpcPayloadStore } from './serve-rpc';

import type { TraceHeaders } from '../headers';
import type { LargePayloadStore } from '../payloads/large-payload-store';

/** Settings of one call. */
export interface CallRpcOptions {
  /** How long to wait for the reply, in milliseconds. */
  timeoutMs?: number;
  headers?: TraceHeaders;
  largePayloads?: LargePayloadStore;
}

const replySchemas = new WeakMap<RpcDefinition, TSchema>();

function replySchemaOf(definition: RpcDefinition): TSchema {
  let schema = replySchemas.get(definition);
  if (!schema) {
    schema = RpcReplySchema(definition.result);
    replySchemas.set(definition, schema);
  }
  return schema;
}

function hasCause(error: unknown, type: abstract new (...args: never[]) => Error): boolean {
  let current: unknown = error;
  while (current instanceof Error) {
    if (current instanceof type) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function transportError(error: unknown, definition: RpcDefinition): RpcCallError {
  const subject = definition.subject;
  if (hasCause(error, NoRespondersError) || (error instanceof RequestError && error.isNoResponders())) {
    return new RpcCallError('UNAVAILABLE', `No service responds on ${subject}`, undefined, { cause: error });
  }
  if (hasCause(error, TimeoutError)) {
    return new RpcCallError('TIMEOUT', `Request to ${subject} timed out`, undefined, { cause: error });
  }
  return new RpcCallError('UNAVAILABLE', `Request to ${subject} failed`, undefined, { cause: error });
}

function requestHeaders(trace: TraceHeaders | undefined) {
  const result = createHeaders();
  injectTraceContext(result, trace?.traceparent);
  if (trace?.correlationId) result.set(HEADERS.correlationId, trace.correlationId);
  return result;
}

function parseReply<Result>(definition: RpcDefinition, body: Uint8Array): RpcReply<Result> {
  let reply: unknown;
  try {
    reply = JSON.parse(new TextDecoder().decode(body));
  } catch (error) {
    throw new RpcCallError('INTERNAL', `Reply from ${definition.subject} is not JSON`, undefined, {
      cause: error,
    });
  }
  const issues = validateAgainst(replySchemaOf(definition), reply);
  if (issues.length > 0) {
    throw new RpcCallError('INTERNAL', `Invalid reply from ${definition.subject}: ${describeIssues(issues)}`);
  }
  return reply as RpcReply<Result>;
}

/**
 * Sends a request and returns the result, inside a CLIENT span whose context travels in the
 * request's `traceparent` header. The span is a child of the active span, or else of
 * `options.headers.traceparent`. Throws {@link RpcCallError} with the reply's error code, TIMEOUT
 * when no reply arrives in time, or UNAVAILABLE when nothing serves the subject.
 */
export async function callRpc<Request extends TSchema, Result extends TSchema>(
  nc: NatsConnection,
  definition: RpcDefinition<Request, Result>,
  request: Static<Request>,
  options: CallRpcOptions = {},
): Promise<Static<Result>> {
  const span = {
    ...rpcSpan(definition, SpanKind.CLIENT),
    parent: activeOrRemoteContext(options.headers?.traceparent),
  };
  return withMessagingSpan(span, () => sendRequest(nc, definition, request, options));
}

async function sendRequest<Request extends TSchema, Result extends TSchema>(
  nc: NatsConnection,
  definition: RpcDefinition<Request, Result>,
  request: Static<Request>,
  options: CallRpcOptions,
): Promise<Static<Result>> {
  const payloads = options.largePayloads ?? createRpcPayloadStore(nc);
  const messageHeaders = requestHeaders(options.headers);
  const encoded = new TextEncoder().encode(JSON.stringify(request));
  const outgoing = await payloads.prepare(`request-${uuidv7()}`, encoded);
  if (outgoing.reference) messageHeaders.set(HEADERS.payloadReference, outgoing.reference);

  let body: Uint8Array;
  try {
    const reply = await nc.request(definition.subject, outgoing.body, {
      timeout: options.timeoutMs ?? 5_000,
      headers: messageHeaders,
    });
    body = await payloads.resolve(reply.headers, reply.data);
  } catch (error) {
    throw transportError(error, definition);
  }

  const reply = parseReply<Static<Result>>(definition, body);
  if (reply.ok) return reply.result;
  throw new RpcCallError(reply.error.code, reply.error.message, reply.error.details);
}
