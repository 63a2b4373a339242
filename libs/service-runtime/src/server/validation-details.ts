import type { FastifySchemaValidationError } from 'fastify/types/schema';

/** One field that failed validation. */
export interface FieldViolation {
  /** Dotted path of the field within its part of the request, e.g. `body.authors.0.name`. */
  field: string;
  /** Description of the violated rule, from Ajv. */
  message: string;
}

/** Turns Ajv errors into one violation per field, naming the request part (body, querystring, ...). */
export function validationDetails(
  errors: FastifySchemaValidationError[],
  context: string | undefined,
): FieldViolation[] {
  return errors.map((error) => {
    const segments = error.instancePath.split('/').filter((segment) => segment !== '');
    const missing = (error.params as { missingProperty?: unknown }).missingProperty;
    if (typeof missing === 'string') segments.push(missing);

    const field = [context ?? 'request', ...segments].join('.');
    return { field, message: error.message ?? 'is invalid' };
  });
}

/** Summarises violations in one sentence, e.g. `Invalid request: body.title must NOT have fewer than 1 characters`. */
export function validationMessage(violations: FieldViolation[]): string {
  const parts = violations.map((violation) => `${violation.field} ${violation.message}`);
  return `Invalid request: ${parts.join('; ')}`;
}
