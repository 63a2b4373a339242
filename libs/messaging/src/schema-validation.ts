import { Compile } from 'typebox/compile';

import type { TSchema } from 'typebox';
import type { Validator } from 'typebox/compile';

/** One reason a value does not match its schema. */
export interface ValidationIssue {
  /** JSON pointer of the offending value (`/data/title`); empty for the root. */
  path: string;
  message: string;
}

// Compiling is far slower than checking, so each schema object is compiled once and reused.
const validators = new WeakMap<TSchema, Validator>();

function validatorFor(schema: TSchema): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Compile(schema) as unknown as Validator;
    validators.set(schema, validator);
  }
  return validator;
}

/** Checks a value against a TypeBox schema and lists what is wrong (at most `limit` issues). */
export function validateAgainst(schema: TSchema, value: unknown, limit = 10): ValidationIssue[] {
  const validator = validatorFor(schema);
  if (validator.Check(value)) return [];
  return validator
    .Errors(value)
    .slice(0, limit)
    .map((error) => ({ path: error.instancePath, message: error.message }));
}

/** Formats issues as one line: `/data/title must be string; /time must match format "date-time"`. */
export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path || '(root)'} ${issue.message}`).join('; ');
}
