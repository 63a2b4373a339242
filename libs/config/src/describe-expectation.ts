import type { EnvPropertySchema } from './env-options';

/** Describes in words what a property's schema accepts, for error messages. */
export function describeExpectation(schema: EnvPropertySchema): string {
  const choices = literalChoices(schema);
  if (choices) return `must be one of: ${choices.join(', ')}`;
  if (schema.protocols) {
    const url = `a URL starting with ${schema.protocols.map((p) => `${p}//`).join(' or ')}`;
    return schema.urlList ? `must be ${url}, or several separated by commas` : `must be ${url}`;
  }

  switch (schema['type']) {
    case 'integer':
      return `must be a whole number${describeRange(schema)}`;
    case 'number':
      return `must be a number${describeRange(schema)}`;
    case 'boolean':
      return 'must be true or false';
    case 'array':
      return 'must be a comma-separated list';
    default:
      return describeString(schema);
  }
}

function literalChoices(schema: EnvPropertySchema): string[] | undefined {
  if (Array.isArray(schema['enum'])) return schema['enum'].map(String);
  const anyOf = schema['anyOf'];
  if (!Array.isArray(anyOf)) return undefined;
  const constants = anyOf.map((member: Record<string, unknown>) => member['const']);
  return constants.every((value) => value !== undefined) ? constants.map(String) : undefined;
}

function describeRange(schema: EnvPropertySchema): string {
  const minimum = schema['minimum'];
  const maximum = schema['maximum'];
  if (minimum !== undefined && maximum !== undefined) return ` from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return ` of at least ${minimum}`;
  if (maximum !== undefined) return ` of at most ${maximum}`;
  return '';
}

function describeString(schema: EnvPropertySchema): string {
  if (schema['pattern'] !== undefined) return `must match the pattern ${String(schema['pattern'])}`;
  if (schema['minLength'] !== undefined)
    return `must be at least ${String(schema['minLength'])} characters long`;
  return 'must be a text value';
}
