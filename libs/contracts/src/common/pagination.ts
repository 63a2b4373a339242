import Type from 'typebox';

import type { TSchema } from 'typebox';

/** Largest page a list operation returns. */
export const MAX_PAGE_LIMIT = 200;

/** Opaque keyset cursor issued by the previous page; clients pass it back unchanged. */
export const CursorSchema = Type.String({ minLength: 1, maxLength: 1024, pattern: '^[A-Za-z0-9_-]+$' });

/** Number of items per page. */
export const PageLimitSchema = Type.Integer({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: 50 });

/** Request fields of any paged list. */
export const PageRequestSchema = Type.Object({
  /** Cursor of the page to return; absent for the first page. */
  cursor: Type.Optional(CursorSchema),
  /** Page size. */
  limit: Type.Optional(PageLimitSchema),
});

/**
 * Builds the schema of one page of a list: its items and the cursor of the next page, null on the last one. A service may
 * return fewer than `limit` items before the end, to keep the reply under the NATS message cap, so
 * clients page until `nextCursor` is null rather than until a short page.
 */
export function PageSchema<Item extends TSchema>(item: Item) {
  return Type.Object({
    items: Type.Array(item, { maxItems: MAX_PAGE_LIMIT }),
    nextCursor: Type.Union([CursorSchema, Type.Null()]),
  });
}
