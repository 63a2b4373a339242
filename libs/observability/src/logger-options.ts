import { isSpanContextValid, trace } from '@opentelemetry/api';
import { stdTimeFunctions } from 'pino';

import type { LoggerOptions } from 'pino';

/** Options of `createLoggerOptions`. */
export interface ServiceLoggerOptions {
  /** Service name written on every line as `service`. */
  serviceName: string;
  /** Minimum level written. */
  level: string;
}

/** Placeholder pino writes instead of a redacted value. */
export const LOG_REDACTED = '[redacted]';

/** Paths of log objects whose values are credentials and never reach the log. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
];

/** Adds the trace and span ids of the active span, so a log line can be joined to its trace. */
export function traceContextMixin(): Record<string, string> {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/** Builds pino options for a service: JSON lines with ISO time, level names, service name and redaction. */
export function createLoggerOptions(options: ServiceLoggerOptions): LoggerOptions {
  return {
    level: options.level,
    base: { service: options.serviceName, pid: process.pid },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_LOG_PATHS, censor: LOG_REDACTED },
    mixin: traceContextMixin,
  };
}
