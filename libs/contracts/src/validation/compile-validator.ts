import { Compile } from 'typebox/compile';

import type { Static, TSchema } from 'typebox';

/** One reason a value does not match its schema. */
export interface SchemaViolation {
  /** JSON Pointer to the offending value (`/authors/3/orcid`); empty for the root. */
  path: string;
  /** What is wrong, in words. */
  message: string;
}

/** A compiled schema: a type guard plus the list of violations of a value. */
export interface CompiledValidator<Schema extends TSchema> {
  schema: Schema;
  /** Tells whether the value matches the schema, narrowing its type. */
  check(value: unknown): value is Static<Schema>;
  /** Lists every violation of the value; empty when it matches. */
  errors(value: unknown): SchemaViolation[];
}

/** Compiles a schema once into a validator to reuse on every publish, consume, request and reply. */
export function compileValidator<Schema extends TSchema>(schema: Schema): CompiledValidator<Schema> {
  const validator = Compile(schema);

  return {
    schema,
    check: (value: unknown): value is Static<Schema> => validator.Check(value),
    errors: (value: unknown) =>
      validator.Errors(value).map((error) => ({ path: error.instancePath, message: error.message })),
  };
}

/** Formats violations as one line each (`/authors/3/orcid: must match pattern ...`). */
export function describeViolations(violations: SchemaViolation[]): string {
  return violations.map((violation) => `${violation.path || '/'}: ${violation.message}`).join('\n');
}
