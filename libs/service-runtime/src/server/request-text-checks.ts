import type { FastifyInstance, FastifyRequest } from 'fastify';

import { RuntimeErrorCode, ServiceError } from './service-error';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Checks whether a value is parsed JSON: an array or a plain object, not a stream, buffer or class. */
function isJsonContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Returns the dotted path of the first string holding U+0000, which PostgreSQL text cannot store.
 * Only parsed JSON is searched: a streamed upload body is an object graph with cycles.
 */
function nulCharacterPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  // Iterative, so a deeply nested body cannot exhaust the stack before validation rejects it.
  const pending: [unknown, string][] = [[value, path]];
  while (pending.length > 0) {
    const [current, currentPath] = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return currentPath;
    } else if (current !== null && typeof current === 'object' && isJsonContainer(current)) {
      for (const [key, inner] of Object.entries(current as Record<string, unknown>))
        pending.push([inner, `${currentPath}.${key}`]);
    }
  }
  return undefined;
}

async function rejectNulCharacters(request: FastifyRequest): Promise<void> {
  // The query string parser builds its object on a prototype of its own, which the JSON walk would
  // skip, so the query and path parameters are copied into plain objects first.
  const plain = (value: unknown) => (value !== null && typeof value === 'object' ? { ...value } : value);
  const parts = { body: request.body, querystring: plain(request.query), params: plain(request.params) };
  for (const [part, value] of Object.entries(parts)) {
    const field = nulCharacterPath(value, part);
    if (field === undefined) continue;
    const message = `Invalid request: ${field} contains the NUL character U+0000; remove it and retry.`;
    throw new ServiceError({
      code: RuntimeErrorCode.validation,
      statusCode: 400,
      message,
      details: [{ field, message: 'must not contain U+0000' }],
    });
  }
}

/**
 * Rejects JSON bodies that are not valid UTF-8, which Node would otherwise decode with replacement
 * characters and store altered, and any body, query or path string containing U+0000.
 */
export function installRequestTextChecks(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      const message = 'The request body is not valid UTF-8; send the JSON encoded as UTF-8.';
      done(new ServiceError({ code: RuntimeErrorCode.invalidUtf8, statusCode: 400, message }), undefined);
      return;
    }
    // The default parser reports through `done`; its type also allows a promise, which it never returns.
    void parseJson(request, text, done);
  });
  app.addHook('preValidation', rejectNulCharacters);
}
