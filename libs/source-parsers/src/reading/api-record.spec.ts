import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

import { readApiRecord } from './api-record';
import { readAll, realFile } from '../testing/real-data';

type Json = Record<string, unknown>;

function realJson(relativePath: string): Json {
  return JSON.parse(gunzipSync(readFileSync(realFile(relativePath))).toString('utf8')) as Json;
}

const ORCID_WORKS = 'orcid/rorcid_api_v3.0/v3.0_0000-0002-9341-7985_works.json.gz';
const OPENALEX_PAGE = 'openalex/api_responses/openalexpro_keypaper_works_page.json.gz';
const CROSSREF_LIST = 'crossref/api_responses/work-list_rcrossref_0.json.gz';

describe('readApiRecord', () => {
  it('maps an ORCID group with the checksum of the file import', async () => {
    const groups = realJson(ORCID_WORKS).group as Json[];
    const imported = await readAll(realFile(ORCID_WORKS));

    const item = readApiRecord({
      source: 'orcid',
      raw: groups[0]!,
      location: { file: 'https://pub.orcid.org/v3.0/0000-0002-9341-7985/works', index: 0 },
      ownerOrcid: '0000-0002-9341-7985',
    });

    expect(item.kind).toBe('record');
    if (item.kind !== 'record') return;
    expect(item.sourceId).toMatch(/^0000-0002-9341-7985\/work\/\d+$/);
    const same = imported.records.find((record) => record.sourceId === item.sourceId);
    expect(same?.checksum).toBe(item.checksum);
  });

  it('maps OpenAlex and Crossref list items', () => {
    const work = (realJson(OPENALEX_PAGE).results as Json[])[0]!;
    const crossref = ((realJson(CROSSREF_LIST).message as Json).items as Json[])[0]!;

    const openalexItem = readApiRecord({
      source: 'openalex',
      raw: work,
      location: { file: 'page', index: 0 },
    });
    const crossrefItem = readApiRecord({
      source: 'crossref',
      raw: crossref,
      location: { file: 'page', index: 0 },
    });

    expect(openalexItem).toMatchObject({ kind: 'record', source: 'openalex', entityType: 'work' });
    expect(crossrefItem).toMatchObject({ kind: 'record', source: 'crossref', entityType: 'work' });
  });

  it('rejects a record the parser cannot map', () => {
    const item = readApiRecord({
      source: 'hal',
      raw: { unexpected: true },
      location: { file: 'page', index: 3 },
    });

    expect(item).toMatchObject({ kind: 'rejected', location: { file: 'page', index: 3 } });
  });
});
