import {
  SpanKind,
  SpanStatusCode,
  context,
  isSpanContextValid,
  propagation,
  trace,
} from '@opentelemetry/api';

import type { Attributes, Context, Span, TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import type { MsgHdrs } from '@nats-io/nats-core';

import { HEADERS } from '../headers';

/** Instrumentation scope of the spans this library starts. */
const TRACER_NAME = '@atlas/messaging';

/** The part of NATS message headers that trace context is read from and written to. */
type HeaderCarrier = Pick<MsgHdrs, 'get' | 'set' | 'keys'>;

const headerSetter: TextMapSetter<HeaderCarrier> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

const headerGetter: TextMapGetter<HeaderCarrier | undefined> = {
  get: (carrier, key) => carrier?.get(key) || undefined,
  keys: (carrier) => carrier?.keys() ?? [],
};

function tracer() {
  return trace.getTracer(TRACER_NAME);
}

/** Returns the W3C `traceparent` of a context, or undefined when it contains no valid span. */
export function traceparentOf(activeContext: Context = context.active()): string | undefined {
  const spanContext = trace.getSpanContext(activeContext);
  if (!spanContext || !isSpanContextValid(spanContext)) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(activeContext, carrier);
  return carrier[HEADERS.traceparent];
}

/**
 * Writes the trace context of the active span into NATS headers. When nothing was written (telemetry
 * not started, so no propagator is registered), the `fallback` traceparent is written instead.
 */
export function injectTraceContext(headers: HeaderCarrier, fallback?: string): void {
  propagation.inject(context.active(), headers, headerSetter);
  if (fallback && !headers.get(HEADERS.traceparent)) headers.set(HEADERS.traceparent, fallback);
}

/**
 * Returns the active context when it contains a span. Otherwise, given the `traceparent` a caller
 * received (an HTTP header, a stored event), returns a context with that remote parent, so the
 * spans started next continue the caller's trace.
 */
export function activeOrRemoteContext(traceparent: string | undefined): Context {
  if (traceparentOf() || !traceparent) return context.active();
  return propagation.extract(context.active(), { [HEADERS.traceparent]: traceparent });
}

/** Returns the context whose span is the remote parent named by a message's `traceparent` header. */
export function extractTraceContext(headers: HeaderCarrier | undefined): Context {
  return propagation.extract(context.active(), headers, headerGetter);
}

/** Kind and name of a span around one messaging step. */
export interface MessagingSpanOptions {
  name: string;
  kind: SpanKind;
  attributes: Attributes;
  /** Context the span starts in; the active one by default. */
  parent?: Context;
}

/**
 * Runs `work` inside a new span that is active for its whole duration, so spans, logs and events
 * started within become its children. A thrown error is recorded on the span and raised again.
 */
export async function withMessagingSpan<T>(
  options: MessagingSpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    options.name,
    { kind: options.kind, attributes: options.attributes },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message ?? String(error) });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Starts and ends a PRODUCER span for an event written to the outbox, and returns its traceparent
 * for the event's headers, so consumers become children of the change that created the event.
 * Returns undefined outside any active span.
 */
export function recordEventCreation(subject: string, eventId: string): string | undefined {
  if (!traceparentOf()) return undefined;
  const span = tracer().startSpan(`create ${subject}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      'messaging.system': 'nats',
      'messaging.operation.type': 'create',
      'messaging.destination.name': subject,
      'messaging.message.id': eventId,
    },
  });
  const traceparent = traceparentOf(trace.setSpan(context.active(), span));
  span.end();
  return traceparent;
}
