import { asArray, asObject } from '../text/clean-text';

/**
 * Accessors that read ORCID's JSON (`{"value": "..."}` wrappers, hyphenated keys) and its XML parsed
 * with namespace prefixes removed (plain text, attributes as `@_name`) through one code path.
 */
export type OrcidNode = Record<string, unknown>;

/** Returns the text of a JSON `{value}` wrapper, an XML element or a plain value. */
export function orcidValue(node: unknown): string | undefined {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  const object = asObject(node);
  if (!object) return undefined;
  return orcidValue(object.value ?? object['#text']);
}

/** Returns a child element or property as an object. */
export function child(node: unknown, key: string): OrcidNode | undefined {
  return asObject(asObject(node)?.[key]);
}

/** Returns a repeated child as a list of objects. */
export function children(node: unknown, key: string): OrcidNode[] {
  return asArray(asObject(node)?.[key])
    .map(asObject)
    .filter((entry): entry is OrcidNode => entry !== undefined);
}

/** Reads a property that JSON gives as a key and XML as an attribute (`put-code`, `path`). */
export function keyOrAttribute(node: unknown, key: string): string | undefined {
  const object = asObject(node);
  return orcidValue(object?.[key] ?? object?.[`@_${key}`]);
}

/** Reads the ORCID iD out of a `path` such as `/0000-0002-1825-0097/work/123` or `0000-…`. */
export function orcidFromPath(path: string | undefined): string | undefined {
  return /([0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X])/.exec(path ?? '')?.[1];
}
