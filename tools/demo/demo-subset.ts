import { copyFileSync, createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';

import type { DataSet } from '../pipeline/load-data-set';

/** ORCID record of the researcher of the subset, Carl Boettiger. */
const PERSON_FILE = 'orcid/rorcid_api_v3.0/v3.0_0000-0002-1642-628X_person.json.gz';
/** Crossref file the subset's works come from. */
const WORKS_FILE = 'crossref/crossref_works_from_vcr_cassettes.jsonl.gz';

/**
 * DOIs of the subset: the Crossref works that name Carl Boettiger among their authors, a bioRxiv
 * preprint with its journal version among them.
 */
export const SUBSET_DOIS: readonly string[] = [
  '10.1111/2041-210x.13501',
  '10.1101/014852',
  '10.1002/ece3.2314',
  '10.1111/2041-210x.13954',
  '10.1007/s12080-013-0192-6',
  '10.1007/s12080-020-00477-4',
  '10.1177/2053951719836258',
  '10.1111/ele.13085',
  '10.1101/722215',
  '10.1111/ele.13828',
  '10.1111/2041-210x.14013',
  '10.1101/055319',
  '10.1111/geb.13950',
  '10.1111/2041-210x.12469',
  '10.1111/2041-210x.14070',
  '10.1111/j.2041-210x.2012.00247.x',
  '10.1111/ele.14024',
  '10.1002/fee.70021',
  '10.1111/1365-2664.14881',
  '10.32614/cran.package.rfishbase',
  '10.1111/2041-210x.13440',
];

async function* linesWithDois(file: string, dois: Set<string>): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    const doi = (JSON.parse(line) as { DOI?: string }).DOI?.toLowerCase();
    if (doi && dois.has(doi)) yield `${line}\n`;
  }
}

/**
 * Writes a small import folder from data/real: one ORCID person record copied as it is, and the
 * Crossref lines of {@link SUBSET_DOIS}, unchanged, in a JSON Lines file of the same format.
 */
export async function writeDemoSubset(root: string, folder: string): Promise<DataSet> {
  const real = path.join(root, 'data', 'real');
  mkdirSync(path.join(folder, 'orcid'), { recursive: true });
  mkdirSync(path.join(folder, 'crossref'), { recursive: true });
  copyFileSync(path.join(real, PERSON_FILE), path.join(folder, 'orcid', path.basename(PERSON_FILE)));
  await pipeline(
    Readable.from(linesWithDois(path.join(real, WORKS_FILE), new Set(SUBSET_DOIS))),
    createGzip(),
    createWriteStream(path.join(folder, 'crossref', 'boettiger-works.jsonl.gz')),
  );
  return { importDir: folder, profilePaths: ['orcid'], recordPaths: ['.'] };
}
