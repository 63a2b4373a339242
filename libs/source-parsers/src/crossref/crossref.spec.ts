import { readAll, realFile, schemaErrors } from '../testing/real-data';

describe('Crossref files', () => {
  it('reads the 6,167 items of the cassette JSON Lines', async () => {
    const { records, rejected } = await readAll(
      realFile('crossref/crossref_works_from_vcr_cassettes.jsonl.gz'),
    );

    expect(records.length + rejected.length).toBe(6167);
    expect(rejected.length).toBe(18);
    expect(rejected.every((item) => item.reason === 'Crossref work has no title' && item.recordId)).toBe(
      true,
    );
    expect(schemaErrors(records)).toEqual([]);
    const types = new Set(records.map((record) => record.work?.type));
    expect(types).toEqual(expect.objectContaining(new Set(['journal-article', 'proceedings-article'])));
  }, 60_000);

  it.each([
    ['crossref_public_data_file_sample_0.json.gz', 3000],
    ['crossref_public_data_file_sample_1.json.gz', 3000],
  ])('streams the %s data file', async (file, count) => {
    const { records, rejected } = await readAll(realFile(`crossref/${file}`));

    expect(records.length + rejected.length).toBe(count);
    expect(records[0]?.format).toBe('crossref-data-file');
    expect(rejected.every((item) => item.code === 'INGEST_ERR_MISSING_FIELD')).toBe(true);
    expect(schemaErrors(records)).toEqual([]);
  });

  it('maps a single work response', async () => {
    const { records } = await readAll(realFile('crossref/api_responses/work_rcrossref_2.json.gz'));
    const work = records[0]?.work;

    expect(records.length).toBe(1);
    expect(records[0]?.format).toBe('crossref-message');
    expect(work?.identifiers.doi).toBe('10.1016/j.tcs.2015.06.001');
    expect(work?.publicationDate).toBe('2015-09');
    expect(work?.publicationYear).toBe(2015);
    expect(work?.venue).toMatchObject({ name: 'Theoretical Computer Science', issns: ['0304-3975'] });
    expect(work?.authors[1]).toMatchObject({
      position: 2,
      rawName: 'Enrico Formenti',
      givenName: 'Enrico',
      familyName: 'Formenti',
      orcid: '0000-0002-1007-7912',
    });
  });

  it('reads the 20 items of a work-list response', async () => {
    const { records, rejected } = await readAll(
      realFile('crossref/api_responses/work-list_rcrossref_0.json.gz'),
    );

    expect(records.length).toBe(20);
    expect(rejected).toEqual([]);
    const authors = records.flatMap((record) => record.work?.authors ?? []);
    expect(authors.length).toBe(93);
    expect(authors.filter((author) => author.orcid).length).toBe(47);
  });
});
