/**
 * Returns a copy of an object schema that refuses properties it does not list, so that a request
 * with a misspelt field gets a 400 naming the field instead of having it ignored. Schemas that are
 * not plain objects, or that already set `additionalProperties`, come back unchanged.
 */
export function closedObject(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object') return schema;
  const object = schema as Record<string, unknown>;
  if (object['type'] !== 'object' || 'additionalProperties' in object) return schema;
  return { ...object, additionalProperties: false };
}
