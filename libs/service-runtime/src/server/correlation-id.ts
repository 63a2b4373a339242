import { randomUUID } from 'node:crypto';

import type { IncomingMessage } from 'node:http';

/** Header that carries the correlation id in requests, responses and NATS messages. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/**
 * Ids accepted from callers: 8 to 128 letters, digits and `._:-`. Anything else is replaced, so a
 * caller cannot inject line breaks or markup into logs.
 */
export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** Returns the caller's correlation id when it is safe to reuse, otherwise a new UUID. */
export function resolveCorrelationId(request: IncomingMessage): string {
  const header = request.headers[CORRELATION_ID_HEADER];
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate !== undefined && CORRELATION_ID_PATTERN.test(candidate) ? candidate : randomUUID();
}
