import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Compile } from 'typebox/compile';

import { WorkSchema } from '@atlas/contracts';

import { SourceAuthorProfileSchema } from '../model/source-author-profile.schema';
import { readRecords } from '../reading/read-records';
import type { ReadOptions, RecordItem, RejectedItem } from '../reading/read-types';

/** Folder of the real source files kept in the repository (gzip-compressed). */
export const REAL_DATA = join(__dirname, '..', '..', '..', '..', 'data', 'real');

/** Path of one real source file, relative to the real data folder. */
export function realFile(relativePath: string): string {
  return join(REAL_DATA, relativePath);
}

/** Records and rejections read from one input. */
export interface ReadResult {
  records: RecordItem[];
  rejected: RejectedItem[];
}

/** Reads every item of a file into two lists. */
export async function readAll(path: string, options?: ReadOptions): Promise<ReadResult> {
  const result: ReadResult = { records: [], rejected: [] };
  for await (const item of readRecords(path, options)) {
    if (item.kind === 'record') result.records.push(item);
    else result.rejected.push(item);
  }
  return result;
}

const workValidator = Compile(WorkSchema);
const profileValidator = Compile(SourceAuthorProfileSchema);

/** Lists the schema errors of each mapped record, independently of the reader's own check. */
export function schemaErrors(records: RecordItem[]): string[] {
  return records.flatMap((record) => {
    const value = record.work ?? record.profile;
    const validator = record.work ? workValidator : profileValidator;
    return validator.Check(value)
      ? []
      : [`${record.sourceId}: ${JSON.stringify(validator.Errors(value)[0])}`];
  });
}

/** Creates a temporary folder and returns it with its removal. */
export function temporaryFolder(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'source-parsers-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
