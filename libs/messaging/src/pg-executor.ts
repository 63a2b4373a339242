import type { SqlExecutor, SqlResult } from '@atlas/database';

import type { Pool, PoolClient, QueryResultRow } from 'pg';

/** Wraps a pg pool or client as the {@link SqlExecutor} that outbox and inbox code writes through. */
export function pgExecutor(queryable: Pool | PoolClient): SqlExecutor {
  return {
    async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      const result = await queryable.query<QueryResultRow>(sql, [...params]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 } satisfies SqlResult<Row>;
    },
  };
}
