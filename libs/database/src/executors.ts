import type { Pool, PoolClient, Client } from 'pg';

import type { SqlExecutor, SqlResult } from './sql-executor';

/** Wraps a pg client or pool as a SqlExecutor; a pool runs each statement on any free connection. */
export function pgExecutor(clientOrPool: Pool | PoolClient | Client): SqlExecutor {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> {
      const result = await clientOrPool.query(sql, [...params]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
  };
}

/** The raw-SQL methods of a Prisma client or interactive transaction client. */
export interface PrismaRawClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

const RETURNS_ROWS = /^\s*(select|with|values|show|table)\b|\breturning\b/i;

/**
 * Wraps a Prisma client, or the `tx` of `$transaction(async (tx) => ...)`, as a SqlExecutor so
 * that SQL runs inside the caller's Prisma transaction.
 *
 * Prisma reports either rows or an affected-row count, not both: statements that return rows
 * (SELECT, WITH, RETURNING) get `rowCount = rows.length`, other statements get `rows = []` and the
 * affected-row count.
 */
export function prismaExecutor(tx: PrismaRawClient): SqlExecutor {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> {
      if (RETURNS_ROWS.test(sql)) {
        const rows = await tx.$queryRawUnsafe<Row[]>(sql, ...params);
        return { rows, rowCount: rows.length };
      }
      const rowCount = await tx.$executeRawUnsafe(sql, ...params);
      return { rows: [], rowCount };
    },
  };
}
