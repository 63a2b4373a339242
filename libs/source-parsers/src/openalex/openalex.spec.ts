import type { ReadResult } from '../testing/real-data';
import { readAll, realFile, schemaErrors } from '../testing/real-data';
import { rebuildAbstract } from './abstract';

describe('OpenAlex capture lines', () => {
  let result: ReadResult;

  beforeAll(async () => {
    result = await readAll(realFile('openalex/parseland-eval_openalex-baseline_works.ndjson.gz'));
  }, 120_000);

  it('reads all 7,333 lines of the baseline capture', () => {
    const { records, rejected } = result;

    expect(records.length + rejected.length).toBe(7333);
    expect(rejected.every((item) => item.reason === 'OpenAlex work has no title')).toBe(true);
    expect(rejected.length).toBe(9);
    expect(schemaErrors(records)).toEqual([]);
    expect(records[0]?.format).toBe('jsonl');
    expect(records[0]?.fetchedAt).toBe('2026-05-19T07:47:00Z');
    expect(records[0]?.raw).not.toHaveProperty('openalex_response');
  });

  it('maps authors with ORCID, ROR and raw affiliations', () => {
    // The 9 works rejected for an empty title have 12 authorships between them.
    const skippedAuthorships = 12;
    const authors = result.records.flatMap((record) => record.work?.authors ?? []);

    expect(authors.length).toBe(26147 - skippedAuthorships);
    expect(authors.filter((author) => author.orcid).length).toBeGreaterThan(14000);
    const atwal = authors.find((author) => author.rawName === 'Gursant S. Atwal');
    expect(atwal?.orcid).toBe('0000-0002-1903-4097');
    expect(atwal?.isCorresponding).toBe(true);
    expect(atwal?.sourceIds?.openalex).toBe('A5032214729');
    expect(atwal?.affiliations[0]).toMatchObject({ rorId: '02sb3pg33', institutionName: 'Kaleida Health' });
    expect(atwal?.affiliations[0]?.rawString).toContain('Department of Neurosurgery');
  });
});

describe('OpenAlex JSON Lines', () => {
  it('reads the 884 works of academic-explorer', async () => {
    const { records, rejected } = await readAll(realFile('openalex/academic-explorer_works.jsonl.gz'));

    expect(records.length + rejected.length).toBe(884);
    expect(rejected.map((item) => item.code)).toEqual([
      'INGEST_ERR_MISSING_FIELD',
      'INGEST_ERR_MISSING_FIELD',
    ]);
    expect(rejected[0]?.location.line).toBeGreaterThan(0);
    expect(schemaErrors(records)).toEqual([]);
  });

  it('reads the 611 works of openalexPro', async () => {
    const { records, rejected } = await readAll(realFile('openalex/openalexpro_works.jsonl.gz'));

    expect(records.length + rejected.length).toBe(611);
    expect(rejected.length).toBe(2);
    expect(schemaErrors(records)).toEqual([]);
  });

  it('reads the 277 authors as profiles', async () => {
    const { records, rejected } = await readAll(realFile('openalex/academic-explorer_authors.jsonl.gz'));

    expect(records.length).toBe(277);
    expect(rejected).toEqual([]);
    expect(records.every((record) => record.entityType === 'author' && record.profile)).toBe(true);
    expect(records.filter((record) => record.profile?.orcid).length).toBe(98);
    expect(schemaErrors(records)).toEqual([]);
  });
});

describe('OpenAlex API responses', () => {
  it('maps the single work W2741809807', async () => {
    const { records } = await readAll(realFile('openalex/api_responses/bvitamins_work_W2741809807.json.gz'));
    const work = records[0]?.work;

    expect(records.length).toBe(1);
    expect(work?.identifiers.doi).toBe('10.7717/peerj.4375');
    expect(work?.identifiers.openalex).toBe('W2741809807');
    expect(work?.identifiers.pmid).toBe('29456894');
    expect(work?.type).toBe('journal-article');
    expect(work?.publicationDate).toBe('2018-02-13');
    expect(work?.venue?.issns).toContain('2167-8359');
    expect(work?.abstract).toMatch(/^Despite growing interest in Open Access/);
    expect(work?.authors[0]).toMatchObject({ position: 1, rawName: 'Heather Piwowar' });
    expect(schemaErrors(records)).toEqual([]);
  });

  it('maps the author A5023888391 to a profile', async () => {
    const { records } = await readAll(
      realFile('openalex/api_responses/bvitamins_author_A5023888391.json.gz'),
    );
    const profile = records[0]?.profile;

    expect(profile?.orcid).toBe('0000-0001-6187-6610');
    expect(profile?.displayName).toBe('Jason Priem');
    expect(profile?.alternativeNames).toContain('Priem Jason');
    expect(profile?.affiliations[0]).toMatchObject({
      rorId: '02nr0ka47',
      years: [2023, 2022, 2021, 2019],
      isLastKnown: true,
    });
    expect(profile?.externalIds[0]?.scheme).toBe('scopus');
    expect(profile?.topics[0]?.scheme).toBe('openalex-topic');
  });

  it.each([
    ['openalexpro_works_page_cursor_50results.json.gz', 50],
    ['openalexpro_keypaper_works_page.json.gz', 2],
    ['fastpaper-cli_openalex_search.json.gz', 3],
  ])('reads the list page %s', async (file, count) => {
    const { records, rejected } = await readAll(realFile(`openalex/api_responses/${file}`));

    expect(records.length).toBe(count);
    expect(rejected).toEqual([]);
    expect(records[0]?.format).toBe('openalex-list');
    expect(records[1]?.location.index).toBe(1);
  });
});

describe('rebuildAbstract', () => {
  it('places words at their positions', () => {
    expect(rebuildAbstract({ world: [1], hello: [0, 2] })).toBe('hello world hello');
  });

  it('returns undefined without an index', () => {
    expect(rebuildAbstract(null)).toBeUndefined();
    expect(rebuildAbstract({})).toBeUndefined();
  });
});
