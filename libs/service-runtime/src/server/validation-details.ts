import type { FastifySchemaValidationError } from 'fastify/types/schema';

/** One field that failed validation. */
export interface FieldViolation {
  /** Dotted path of the field within its part of the request, e.g. `body.authors.0.name`. */
  field: string;
  /** Description of the violated rule, from Ajv. */
  message: string;
  /** The value sent, when it is a number, a boolean or a string (cut to 100 characters). */
  received?: string | number | boolean;
}

/** Request parts whose values may be echoed; headers may carry credentials, so they never are. */
const ECHOED_CONTEXTS = new Set(['body', 'querystring', 'params']);
const MAX_ECHOED_LENGTH = 100;

function valueAt(data: unknown, segments: readonly string[]): unknown {
  let value = data;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function echoable(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  return value.length > MAX_ECHOED_LENGTH ? `${value.slice(0, MAX_ECHOED_LENGTH)}…` : value;
}

/**
 * Turns Ajv errors into one violation per field, naming the request part (body, querystring, ...).
 * A literal union fails with one `const` error per member plus an `anyOf` error; those become one
 * violation listing the allowed values.
 */
export function validationDetails(
  errors: FastifySchemaValidationError[],
  context: string | undefined,
  data?: unknown,
): FieldViolation[] {
  const allowedByPath = new Map<string, unknown[]>();
  for (const error of errors) {
    if (error.keyword !== 'const') continue;
    const allowed = allowedByPath.get(error.instancePath) ?? [];
    allowed.push((error.params as { allowedValue?: unknown }).allowedValue);
    allowedByPath.set(error.instancePath, allowed);
  }

  const violations: FieldViolation[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const allowed = allowedByPath.get(error.instancePath);
    if (allowed && (error.keyword === 'const' || error.keyword === 'anyOf')) {
      if (seen.has(error.instancePath)) continue;
      seen.add(error.instancePath);
    }
    const segments = error.instancePath.split('/').filter((segment) => segment !== '');
    const received = ECHOED_CONTEXTS.has(context ?? '') ? echoable(valueAt(data, segments)) : undefined;
    const { missingProperty, additionalProperty } = error.params as {
      missingProperty?: unknown;
      additionalProperty?: unknown;
    };
    if (typeof missingProperty === 'string') segments.push(missingProperty);
    if (typeof additionalProperty === 'string') segments.push(additionalProperty);

    const field = [context ?? 'request', ...segments].join('.');
    const message = allowed
      ? `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}`
      : typeof additionalProperty === 'string'
        ? 'is not a field of this request; check its spelling against the API description'
        : (error.message ?? 'is invalid');
    violations.push(received === undefined ? { field, message } : { field, message, received });
  }
  return violations;
}

/** Summarises violations in one sentence, e.g. `Invalid request: body.title must NOT have fewer than 1 characters`. */
export function validationMessage(violations: FieldViolation[]): string {
  const parts = violations.map((violation) =>
    violation.received === undefined
      ? `${violation.field} ${violation.message}`
      : `${violation.field} ${violation.message} (received ${JSON.stringify(violation.received)})`,
  );
  return `Invalid request: ${parts.join('; ')}`;
}
