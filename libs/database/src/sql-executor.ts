/** Rows and row count of one statement. */
export interface SqlResult<Row = Record<string, unknown>> {
  rows: Row[];
  rowCount: number;
}

/**
 * Runs SQL with positional parameters ($1, $2, ...). Libraries that must write inside the caller's
 * transaction (the outbox, the inbox) take one of these, whatever the caller's client is.
 */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>>;
}
