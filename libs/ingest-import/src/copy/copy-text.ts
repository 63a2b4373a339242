import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

import { from as copyFrom } from 'pg-copy-streams';

import type { PoolClient } from 'pg';

/** One value of a COPY text row; null writes `\N`. */
export type CopyValue = string | number | null;

const SPECIAL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Encodes one value for PostgreSQL's COPY text format. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  const text = typeof value === 'number' ? String(value) : value;
  return text.replace(SPECIAL, (character) => ESCAPES[character]!);
}

/** Encodes one row for PostgreSQL's COPY text format, newline included. */
export function copyRow(values: readonly CopyValue[]): string {
  return `${values.map(copyField).join('\t')}\n`;
}

/**
 * Streams rows into a table with `COPY ... FROM STDIN` on the caller's connection (and so inside
 * the caller's transaction). `table` and `columns` are trusted identifiers.
 */
export async function copyRows(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  const statement = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  const sink = client.query(copyFrom(statement));
  await pipeline(Readable.from(encodeRows(rows)), sink);
}

function* encodeRows(rows: Iterable<readonly CopyValue[]>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += copyRow(row);
    if (chunk.length >= 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
