import { readdirSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

import type { RecordItem } from '../reading/read-types';
import { readAll, REAL_DATA, realFile, schemaErrors, temporaryFolder } from '../testing/real-data';

const FEEDS = join(REAL_DATA, 'arxiv', 'arxiv.py_api_responses');

describe('arXiv Atom feeds', () => {
  let records: RecordItem[];

  beforeAll(async () => {
    records = [];
    for (const name of readdirSync(FEEDS)) {
      const result = await readAll(join(FEEDS, name));
      expect(result.rejected).toEqual([]);
      records.push(...result.records);
    }
  });

  it('reads the 256 entries of the arxiv.py feeds', () => {
    expect(records.length).toBe(256);
    expect(new Set(records.map((record) => record.sourceId)).size).toBe(118);
    expect(schemaErrors(records)).toEqual([]);
  });

  it('maps an old-style id with its version and DOI', () => {
    const work = records.find((record) => record.sourceId === 'hep-ex/0406020')?.work;

    expect(work?.identifiers).toMatchObject({
      arxiv: 'hep-ex/0406020',
      arxivDoi: '10.48550/arxiv.hep-ex/0406020',
    });
    expect(work?.type).toBe('preprint');
  });

  it('keeps versions, journal DOI and primary category', () => {
    const work = records.find(
      (record) => record.work?.identifiers.doi === '10.1103/physrevb.85.115117',
    )?.work;

    expect(work?.versions.length).toBeGreaterThanOrEqual(1);
    expect(work?.versions[0]?.label).toBe('v1');
    expect(work?.topics[0]?.scheme).toBe('arxiv-category');
  });

  it('reads the fastpaper search feed', async () => {
    const { records: fastpaper } = await readAll(realFile('arxiv/fastpaper-cli_arxiv_search.atom.xml.gz'));
    expect(fastpaper.length).toBe(3);
  });

  it('flags a withdrawn entry', async () => {
    const folder = temporaryFolder();
    const feed = gunzipSync(readFileSync(realFile('arxiv/fastpaper-cli_arxiv_search.atom.xml.gz'))).toString(
      'utf8',
    );
    const withdrawn = feed.replace(
      '<entry>',
      '<entry><arxiv:comment>This paper has been withdrawn by the author</arxiv:comment>',
    );
    writeFileSync(join(folder.path, 'withdrawn.atom.xml'), withdrawn);

    const { records: parsed } = await readAll(join(folder.path, 'withdrawn.atom.xml'));
    folder.remove();

    expect(parsed[0]?.work?.isWithdrawn).toBe(true);
    expect(parsed[1]?.work?.isWithdrawn).toBe(false);
  });
});
