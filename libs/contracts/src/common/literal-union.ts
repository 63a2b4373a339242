import Type from 'typebox';

import type { TLiteral, TUnion } from 'typebox';

/** Tuple of literal schemas, one per value, so `Static` yields the union of the values. */
type LiteralTuple<Values extends readonly string[]> = Values extends readonly [
  infer Head extends string,
  ...infer Rest extends readonly string[],
]
  ? [TLiteral<Head>, ...LiteralTuple<Rest>]
  : [];

/**
 * Builds a TypeBox union of string literals from an `as const` array, so each closed set of values
 * is written once and yields both a TypeScript union (`(typeof VALUES)[number]`) and a schema.
 */
export function literalUnion<const Values extends readonly string[]>(
  values: Values,
  options: { description?: string } = {},
): TUnion<LiteralTuple<Values>> {
  const literals = values.map((value) => Type.Literal(value));
  return Type.Union(literals, options) as unknown as TUnion<LiteralTuple<Values>>;
}
