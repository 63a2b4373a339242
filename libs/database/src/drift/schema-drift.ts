import { readFileSync } from 'node:fs';

import { Client } from 'pg';

import { DatabaseError, DatabaseErrorCode } from '../errors';
import { parsePrismaSchema } from './prisma-schema-parser';

import type { DeclaredTable } from './prisma-schema-parser';

/** Options of `findSchemaDrift`. */
export interface SchemaDriftOptions {
  /** URL of a role that can see the schema's tables (the owner or a superuser). */
  url: string;
  /** Service schema to compare. */
  schema: string;
  /** Path of the schema.prisma that should describe it. */
  prismaSchemaPath: string;
}

interface ColumnRow {
  table: string;
  column: string;
  udtName: string;
  nullable: boolean;
}

// Tables that the database has on purpose and the Prisma schema does not model.
const UNMODELLED_TABLES = new Set(['_prisma_migrations']);

/** Lists every difference between a migrated schema and its schema.prisma; empty when they agree. */
export async function findSchemaDrift(options: SchemaDriftOptions): Promise<string[]> {
  const declared = parsePrismaSchema(readFileSync(options.prismaSchemaPath, 'utf8')).filter(
    (table) => table.schema === undefined || table.schema === options.schema,
  );
  const actual = await readColumns(options.url, options.schema);
  return compareTables(declared, actual);
}

/** Raises a DatabaseError listing every difference when a schema and its schema.prisma disagree. */
export async function assertNoSchemaDrift(options: SchemaDriftOptions): Promise<void> {
  const differences = await findSchemaDrift(options);
  if (differences.length === 0) return;
  throw new DatabaseError(
    DatabaseErrorCode.SchemaDrift,
    `Schema ${options.schema} and ${options.prismaSchemaPath} disagree:\n  ${differences.join('\n  ')}`,
  );
}

async function readColumns(url: string, schema: string): Promise<ColumnRow[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<ColumnRow>(
      `SELECT c.table_name AS "table", c.column_name AS "column", c.udt_name AS "udtName",
              c.is_nullable = 'YES' AS nullable
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'
       ORDER BY c.table_name, c.ordinal_position`,
      [schema],
    );
    return result.rows.filter((row) => !UNMODELLED_TABLES.has(row.table));
  } finally {
    await client.end();
  }
}

function compareTables(declared: DeclaredTable[], actual: ColumnRow[]): string[] {
  const differences: string[] = [];
  const actualTables = new Set(actual.map((row) => row.table));
  for (const table of actualTables) {
    if (!declared.some((model) => model.name === table))
      differences.push(`table ${table}: in the database, not in schema.prisma`);
  }
  for (const table of declared) {
    if (!actualTables.has(table.name)) {
      differences.push(`table ${table.name}: in schema.prisma, not in the database`);
      continue;
    }
    differences.push(
      ...compareColumns(
        table,
        actual.filter((row) => row.table === table.name),
      ),
    );
  }
  return differences;
}

function compareColumns(table: DeclaredTable, actual: ColumnRow[]): string[] {
  const differences: string[] = [];
  for (const row of actual) {
    const column = table.columns.find((candidate) => candidate.name === row.column);
    const where = `${table.name}.${row.column}`;
    if (!column) {
      differences.push(`column ${where}: in the database, not in schema.prisma`);
      continue;
    }
    if (column.udtName !== row.udtName) {
      differences.push(
        `column ${where}: type ${column.udtName} in schema.prisma, ${row.udtName} in the database`,
      );
    }
    if (column.nullable !== row.nullable) {
      const nullability = (nullable: boolean) => (nullable ? 'nullable' : 'NOT NULL');
      differences.push(
        `column ${where}: ${nullability(column.nullable)} in schema.prisma, ${nullability(row.nullable)} in the database`,
      );
    }
  }
  for (const column of table.columns) {
    if (!actual.some((row) => row.column === column.name)) {
      differences.push(`column ${table.name}.${column.name}: in schema.prisma, not in the database`);
    }
  }
  return differences;
}
