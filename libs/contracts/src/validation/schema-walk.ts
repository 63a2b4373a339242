import type { TSchema } from 'typebox';

/** JSON Schema keywords whose value is one sub-schema. */
const SINGLE_SCHEMA_KEYWORDS = ['items', 'additionalProperties', 'not', 'contains'] as const;
/** JSON Schema keywords whose value is a list of sub-schemas. */
const SCHEMA_LIST_KEYWORDS = ['anyOf', 'allOf', 'oneOf', 'prefixItems'] as const;
/** JSON Schema keywords whose value maps names to sub-schemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties'] as const;

function isSchema(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Lists every property name declared anywhere in a schema, with the JSON Pointer-like path of the
 * schema that declares it (`/properties/decidedBy/properties/role`). Unions and intersections are
 * followed into every branch.
 */
export function listPropertyPaths(schema: TSchema): string[] {
  const paths: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (!isSchema(node)) return;

    for (const keyword of SCHEMA_MAP_KEYWORDS) {
      const map = node[keyword];
      if (!isSchema(map)) continue;
      for (const [name, child] of Object.entries(map)) {
        paths.push(`${path}/${keyword}/${name}`);
        visit(child, `${path}/${keyword}/${name}`);
      }
    }
    for (const keyword of SINGLE_SCHEMA_KEYWORDS) {
      visit(node[keyword], `${path}/${keyword}`);
    }
    for (const keyword of SCHEMA_LIST_KEYWORDS) {
      const list = node[keyword];
      if (Array.isArray(list)) list.forEach((child, index) => visit(child, `${path}/${keyword}/${index}`));
    }
  };

  visit(schema, '');
  return paths;
}

/** Property names public payloads must never declare, at any depth. */
export const FORBIDDEN_PUBLIC_PROPERTY = /(e-?mail|notes?|evidence)$/i;

/** Lists the property paths of a schema whose names are forbidden in public payloads. */
export function findPrivateProperties(schema: TSchema): string[] {
  return listPropertyPaths(schema).filter((path) =>
    FORBIDDEN_PUBLIC_PROPERTY.test(path.slice(path.lastIndexOf('/') + 1)),
  );
}
