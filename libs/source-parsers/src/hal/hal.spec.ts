import { readAll, realFile, schemaErrors } from '../testing/real-data';

describe('HAL search responses', () => {
  it('reads the 789 docs without halId_s from their uri', async () => {
    const { records, rejected } = await readAll(
      realFile('hal/makutu-site_hal_search_structId_789docs.json.gz'),
    );

    expect(records.length).toBe(789);
    expect(rejected).toEqual([]);
    expect(records[0]?.sourceId).toBe('hal-05550756');
    expect(records[0]?.work?.authors.map((author) => author.rawName)).toContain('Hélène Barucq');
    expect(schemaErrors(records)).toEqual([]);
  });

  it('maps DOI, arXiv and journal of one researcher’s articles', async () => {
    const { records } = await readAll(realFile('hal/pyhal_search_authIdHal_olivier-devauchelle_ART.json.gz'));
    const streaks = records.find((record) => record.sourceId === 'hal-02001689')?.work;

    expect(records.length).toBe(36);
    expect(streaks?.identifiers).toMatchObject({ hal: 'hal-02001689', doi: '10.1017/jfm.2018.1024' });
    expect(streaks?.venue).toMatchObject({
      name: 'Journal of Fluid Mechanics',
      volume: '863',
      firstPage: '601',
      lastPage: '619',
    });
    expect(streaks?.publicationDate).toBe('2019-03-25');
    expect(streaks?.versions).toEqual([{ label: 'v1' }]);
    expect(schemaErrors(records)).toEqual([]);
  });

  it('reads a bare array of fl=* docs with name parts', async () => {
    const { records } = await readAll(realFile('hal/dataesr_harvest-hal_docs_fl_all_5docs.json.gz'));
    const first = records[0]?.work;

    expect(records.length).toBe(5);
    expect(records[0]?.format).toBe('json-array');
    expect(first?.authors[0]).toMatchObject({
      rawName: 'I.K. Robinson',
      givenName: 'I.K.',
      familyName: 'Robinson',
    });
    expect(first?.authors[0]?.sourceIds?.halFormId).toBe('248520');
    expect(first?.keywords).toContain('Nickel');
    expect(first?.abstract).toMatch(/^We present X-ray diffraction data/);
  });
});

describe('HAL OAI-PMH', () => {
  it('maps a GetRecord response with Dublin Core creators', async () => {
    const { records } = await readAll(realFile('hal/dissemin_hal_record.xml.gz'));
    const work = records[0]?.work;

    expect(records.length).toBe(1);
    expect(records[0]?.sourceId).toBe('hal-00830421');
    expect(work?.type).toBe('journal-article');
    expect(work?.authors[0]).toMatchObject({ givenName: 'Rodrigo M.', familyName: 'Pereira' });
    expect(schemaErrors(records)).toEqual([]);
  });

  it('rejects an OAI-PMH error response with its message', async () => {
    const { records, rejected } = await readAll(
      realFile('hal/dissemin_oai_hal.archives-ouvertes.fr_hal-00939473.xml.gz'),
    );

    expect(records).toEqual([]);
    expect(rejected[0]?.code).toBe('INGEST_ERR_SOURCE_ERROR');
    expect(rejected[0]?.reason).toContain('badArgument');
  });

  it('maps a BASE re-harvest of a book section', async () => {
    const { records } = await readAll(realFile('hal/dissemin_ftunivsavoie_oai_HAL_hal-01062339v1.xml.gz'));

    expect(records[0]?.work).toMatchObject({ type: 'book-chapter', language: 'fr', publicationYear: 2014 });
    expect(records[0]?.work?.authors[0]).toMatchObject({ givenName: 'Christophe', familyName: 'Gauchon' });
  });
});
