import type { EnvPropertySchema } from './env-options';

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** JSON Schema `type` of a property, looking through `Type.Optional` and nullable unions. */
function schemaType(schema: EnvPropertySchema): string | undefined {
  return typeof schema['type'] === 'string' ? schema['type'] : undefined;
}

/**
 * Converts the text of an environment variable to the type its schema declares. A value that does
 * not convert is returned unchanged, so validation reports it against the schema.
 */
export function coerceValue(raw: string, schema: EnvPropertySchema): unknown {
  const text = raw.trim();
  switch (schemaType(schema)) {
    case 'integer':
    case 'number':
      return NUMBER.test(text) ? Number(text) : text;
    case 'boolean':
      return coerceBoolean(text);
    case 'array':
      return coerceList(text, schema);
    default:
      return text;
  }
}

function coerceBoolean(text: string): unknown {
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return text;
}

/** Splits a comma-separated list and converts each item by the array's `items` schema. */
function coerceList(text: string, schema: EnvPropertySchema): unknown[] {
  if (text === '') return [];
  const items = schema['items'] as EnvPropertySchema | undefined;
  const parts = text.split(',').map((part) => part.trim());
  return items ? parts.map((part) => coerceValue(part, items)) : parts;
}
