import { createHash } from 'node:crypto';

import type { Source } from '@atlas/contracts';

import { VOLATILE_FIELDS } from './volatile-fields';

/**
 * Computes `sha256:<hex>` over the canonical JSON of a raw record (keys sorted at every level)
 * without the source's volatile fields, so two harvests of an unchanged work get the same checksum.
 */
export function contentChecksum(source: Source, rawRecord: unknown): string {
  const { topLevel, anyDepth } = VOLATILE_FIELDS[source];
  const hash = createHash('sha256');
  hash.update(canonicalJson(rawRecord, new Set(topLevel), new Set(anyDepth), true));
  return `sha256:${hash.digest('hex')}`;
}

/** Serialises a value as JSON with object keys in code-unit order and the given keys left out. */
export function canonicalJson(
  value: unknown,
  dropTopLevel: ReadonlySet<string> = new Set(),
  dropEverywhere: ReadonlySet<string> = new Set(),
  isTopLevel = true,
): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item ?? null, dropTopLevel, dropEverywhere, false)).join(',')}]`;
  }
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';

  const entries = Object.keys(value)
    .filter((key) => !dropEverywhere.has(key) && !(isTopLevel && dropTopLevel.has(key)))
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => {
      const entry = canonicalJson(
        (value as Record<string, unknown>)[key],
        dropTopLevel,
        dropEverywhere,
        false,
      );
      return `${JSON.stringify(key)}:${entry}`;
    });
  return `{${entries.join(',')}}`;
}
