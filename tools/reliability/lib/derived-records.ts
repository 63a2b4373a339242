import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';

import { findWorkspaceRoot } from '@atlas/local-stack';

/** Real OpenAlex work files under data/real that the derived records are copied from. */
const SOURCE_FILES = [
  'data/real/openalex/academic-explorer_works.jsonl.gz',
  'data/real/openalex/openalexpro_works.jsonl.gz',
];

/**
 * Fields that OpenAlex returns only without `select=` and that matching, verification and search do
 * not read. Copies leave them out, as a `select=` response does, so 100k copies fit a short run.
 */
const UNREAD_FIELDS = [
  'abstract',
  'abstract_inverted_index',
  'citation',
  'concepts',
  'counts_by_year',
  'datasets',
  'grants',
  'indexed_in',
  'institution_assertions',
  'locations',
  'mesh',
  'page',
  'referenced_works',
  'related_works',
  'sustainable_development_goals',
  'versions',
];

/** Copies leave out works with more authors than this: they go through the object store, which is slow. */
const MAX_AUTHORS = 100;

type Work = Record<string, unknown> & {
  id: string;
  doi?: string | null;
  title?: string | null;
  display_name?: string | null;
  ids?: Record<string, string>;
  authorships?: Array<{ author?: { orcid?: string | null; display_name?: string } }>;
};

/** Reads the real works, in file order. */
export async function readRealWorks(): Promise<Work[]> {
  const root = findWorkspaceRoot();
  const works: Work[] = [];
  for (const file of SOURCE_FILES) {
    const lines = createInterface({ input: createReadStream(path.join(root, file)).pipe(createGunzip()) });
    for await (const line of lines) if (line.trim()) works.push(JSON.parse(line) as Work);
  }
  return works;
}

/**
 * Returns copy `copy` of a real work: copy 0 is the work itself; later copies get a new OpenAlex id
 * (the real number plus `copy` × 10^10), a DOI with a `.c<copy>` suffix and the title followed by
 * "(part <copy + 1>)", and keep authors, ORCIDs, institutions, venue, year and topics.
 */
export function deriveWork(work: Work, copy: number): Work {
  const trimmed: Work = { ...work };
  for (const field of UNREAD_FIELDS) delete trimmed[field];
  if (copy === 0) return trimmed;

  const number = BigInt(work.id.replace(/^.*\/W/, '')) + BigInt(copy) * 10_000_000_000n;
  const id = `https://openalex.org/W${number}`;
  const doi = work.doi ? `${work.doi}.c${copy}` : null;
  const title = work.title ? `${work.title} (part ${copy + 1})` : work.title;
  return {
    ...trimmed,
    id,
    doi,
    title,
    display_name: title,
    ids: { openalex: id, ...(doi ? { doi } : {}) },
  };
}

/** Writes `count` derived works as gzip-compressed JSON lines; returns the file's path. */
export async function writeDerivedWorks(folder: string, count: number): Promise<string> {
  const works = (await readRealWorks()).filter((work) => (work.authorships?.length ?? 0) <= MAX_AUTHORS);
  const file = path.join(folder, `openalex-derived-${count}.jsonl.gz`);
  const gzip = createGzip({ level: 1 });
  const output = gzip.pipe(createWriteStream(file));
  for (let index = 0; index < count; index += 1) {
    const copy = Math.floor(index / works.length);
    const line = `${JSON.stringify(deriveWork(works[index % works.length]!, copy))}\n`;
    if (!gzip.write(line)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(output, 'finish');
  return file;
}

/** A researcher behind an ORCID of the real works, with the name the works give. */
export interface RealResearcher {
  orcid: string;
  displayName: string;
  works: number;
}

/**
 * Returns `count` researchers of the real works with at most `maxWorks` works each, most works first,
 * ties by ORCID iD.
 */
export async function pickResearchers(count: number, maxWorks: number): Promise<RealResearcher[]> {
  const found = new Map<string, RealResearcher>();
  for (const work of await readRealWorks()) {
    if ((work.authorships?.length ?? 0) > MAX_AUTHORS) continue;
    for (const authorship of work.authorships ?? []) {
      const orcid = authorship.author?.orcid?.replace('https://orcid.org/', '');
      if (!orcid) continue;
      const entry = found.get(orcid) ?? {
        orcid,
        displayName: authorship.author?.display_name ?? orcid,
        works: 0,
      };
      entry.works += 1;
      found.set(orcid, entry);
    }
  }
  return [...found.values()]
    .filter((researcher) => researcher.works <= maxWorks)
    .sort((a, b) => b.works - a.works || a.orcid.localeCompare(b.orcid))
    .slice(0, count);
}
