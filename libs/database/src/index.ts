export type { SqlExecutor, SqlResult } from './sql-executor';
