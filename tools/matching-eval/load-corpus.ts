import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { parseOpenAlexAuthor, parseOpenAlexWork } from '@atlas/source-parsers';

import type { Work } from '@atlas/contracts';
import type { SourceAuthorProfile } from '@atlas/source-parsers';

/** Folder of the real data files. */
export const DATA_DIR = join(__dirname, '../../data/real');

/** Reads a gzipped JSON-lines file into parsed objects. */
export function readJsonLines(file: string): unknown[] {
  return gunzipSync(readFileSync(join(DATA_DIR, file)))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as unknown);
}

/** Reads a gzipped JSON file. */
export function readGzipJson<T>(file: string): T {
  return JSON.parse(gunzipSync(readFileSync(join(DATA_DIR, file))).toString('utf8')) as T;
}

/** OpenAlex works of both real work files, de-duplicated by id. */
export function loadOpenAlexWorks(): Work[] {
  const works = new Map<string, Work>();
  for (const file of ['openalex/academic-explorer_works.jsonl.gz', 'openalex/openalexpro_works.jsonl.gz']) {
    for (const raw of readJsonLines(file)) {
      const outcome = parseOpenAlexWork(raw as never);
      if (outcome.ok && outcome.entityType === 'work') works.set(outcome.work.sourceId, outcome.work);
    }
  }
  return [...works.values()];
}

/** OpenAlex author objects, by OpenAlex author id. */
export function loadOpenAlexAuthors(): Map<string, SourceAuthorProfile> {
  const authors = new Map<string, SourceAuthorProfile>();
  for (const raw of readJsonLines('openalex/academic-explorer_authors.jsonl.gz')) {
    const outcome = parseOpenAlexAuthor(raw as never);
    if (outcome.ok && outcome.entityType !== 'work' && outcome.profile.openalexId) {
      authors.set(outcome.profile.openalexId, outcome.profile);
    }
  }
  return authors;
}
