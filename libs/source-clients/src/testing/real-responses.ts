import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import type { ReplayResponse } from './replay-types';

/** Folder of the real source files kept in the repository (gzip-compressed). */
export const REAL_DATA = join(__dirname, '..', '..', '..', '..', 'data', 'real');

/** Reads a real recorded response body, e.g. `crossref/api_responses/work_rcrossref_2.json.gz`. */
export function realBody(relativePath: string): string {
  return gunzipSync(readFileSync(join(REAL_DATA, relativePath))).toString('utf8');
}

/** Reads and decodes a real recorded JSON response. */
export function realJson<T = Record<string, unknown>>(relativePath: string): T {
  return JSON.parse(realBody(relativePath)) as T;
}

/** Wraps a JSON value as a replayed response. */
export function jsonResponse(value: unknown): ReplayResponse {
  return { headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}

/** Wraps a real Atom or XML body as a replayed response. */
export function xmlResponse(
  body: string,
  contentType = 'application/atom+xml; charset=utf-8',
): ReplayResponse {
  return { headers: { 'content-type': contentType }, body };
}

/**
 * Splits records into consecutive pages of `sizes` records. Used where the real data holds only one
 * page of a kind and a test needs the later pages: they are built from the real page's records.
 */
export function splitRecords<T>(records: readonly T[], sizes: readonly number[]): T[][] {
  const pages: T[][] = [];
  let start = 0;
  for (const size of sizes) {
    pages.push(records.slice(start, start + size));
    start += size;
  }
  if (start !== records.length) throw new RangeError(`page sizes add up to ${start}, not ${records.length}`);
  return pages;
}
