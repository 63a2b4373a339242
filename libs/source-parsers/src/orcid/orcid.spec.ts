import { join } from 'node:path';

import { readAll, realFile } from '../testing/real-data';
import { schemaErrors } from '../testing/real-data';

const V3 = 'orcid/rorcid_api_v3.0';
const V2 = 'orcid/dissemin_api_v2_records';
const SAMPLES = 'orcid/orcid-model_official_samples';

describe('ORCID v3.0 JSON', () => {
  it('maps a person to a profile', async () => {
    const { records } = await readAll(realFile(join(V3, 'v3.0_0000-0002-3743-6823_person.json.gz')));
    const profile = records[0]?.profile;

    expect(records[0]?.entityType).toBe('person');
    expect(profile).toMatchObject({
      orcid: '0000-0002-3743-6823',
      givenName: 'Carl',
      familyName: 'Sheperis',
      displayName: 'Carl Sheperis',
    });
    expect(schemaErrors(records)).toEqual([]);
  });

  it('reads one work per group of a works summary', async () => {
    const { records } = await readAll(realFile(join(V3, 'v3.0_0000-0002-9341-7985_works.json.gz')));
    const peerj = records.find((record) => record.work?.identifiers.doi === '10.3233/isu-130714');

    expect(records.length).toBe(8);
    expect(peerj?.sourceId).toBe('0000-0002-9341-7985/work/15536015');
    expect(peerj?.work?.publicationYear).toBe(2013);
    expect(peerj?.work?.identifiers.other).toContainEqual({ scheme: 'eid', value: '2-s2.0-84889654399' });
    expect(schemaErrors(records)).toEqual([]);
  });

  it('maps a single work with its contributors', async () => {
    const { records } = await readAll(realFile(join(V3, 'v3.0_0000-0002-0734-2199_work_77226586.json.gz')));
    const work = records[0]?.work;

    expect(work?.authors.length).toBe(4);
    expect(work?.authors[0]).toMatchObject({ rawName: 'Sebastian Kreutzer', orcid: '0000-0002-0734-2199' });
    expect(work?.publicationDate).toBe('2020-06-01');
    expect(work?.venue?.name).toBe('Ancient TL');
  });

  it('reads the iDs of search results', async () => {
    const { records } = await readAll(realFile(join(V3, 'v3.0_search_q=carl_2Bboettiger.json.gz')));

    expect(records.length).toBe(100);
    expect(records[0]?.profile?.orcid).toBe('0000-0002-1642-628X');
  });
});

describe('ORCID v2 JSON', () => {
  it('splits a full record into the person and its works', async () => {
    const { records, rejected } = await readAll(realFile(join(V2, '0000-0002-1909-134X.json.gz')));
    const person = records.find((record) => record.entityType === 'person');

    expect(rejected).toEqual([]);
    expect(records.length).toBe(19);
    expect(person?.profile?.orcid).toBe('0000-0002-1909-134X');
    expect(records.filter((record) => record.entityType === 'work').length).toBe(18);
    expect(schemaErrors(records)).toEqual([]);
  });

  it('reads each work of a bulk response', async () => {
    const { records } = await readAll(realFile(join(V2, '0000-0001-9232-4042-works-bulk-3675fe93.json.gz')));

    expect(records.length).toBe(25);
    expect(records.every((record) => record.sourceId.startsWith('0000-0001-9232-4042/work/'))).toBe(true);
  });
});

describe('ORCID XML samples', () => {
  it.each([
    ['works-3.0.xml.gz', 3],
    ['record-3.0.xml.gz', 2],
    ['activities-3.0.xml.gz', 1],
    ['search-3.0.xml.gz', 1],
    ['summary-3.0.xml.gz', 1],
  ])('reads %s', async (file, count) => {
    const { records, rejected } = await readAll(realFile(join(SAMPLES, file)));

    expect(rejected).toEqual([]);
    expect(records.length).toBe(count);
    expect(records[0]?.format).toBe('orcid-xml');
    expect(schemaErrors(records)).toEqual([]);
  });

  it('maps the XML and JSON forms of a record alike', async () => {
    const xml = await readAll(realFile(join(SAMPLES, 'record-3.0.xml.gz')));
    const person = xml.records.find((record) => record.entityType === 'person')?.profile;

    expect(person?.sourceId).toBe('8888-8888-8888-8880');
    expect(xml.records.find((record) => record.entityType === 'work')?.work?.title).toBeDefined();
  });
});
