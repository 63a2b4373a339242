import { arxivIdFromDoi, parseArxivId } from './arxiv';
import { checkDoi, normalizeDoi } from './doi';
import { checkOrcid, orcidCheckCharacter } from './orcid';
import {
  normalizeHalId,
  normalizeIsbn,
  normalizeIssn,
  normalizeOpenAlexId,
  normalizePmcid,
  normalizeRor,
} from './other-ids';

describe('checkDoi', () => {
  it.each([
    ['https://doi.org/10.7717/PEERJ.4375', '10.7717/peerj.4375'],
    ['http://dx.doi.org/10.1016/j.tcs.2015.06.001', '10.1016/j.tcs.2015.06.001'],
    ['doi:10.1103/PhysRevB.85.115117', '10.1103/physrevb.85.115117'],
    ['  10.1890/0012-9658(2006)87[163:PEAWSA]2.0.CO;2 ', '10.1890/0012-9658(2006)87[163:peawsa]2.0.co;2'],
    ['https://doi.org/10.1002%2F1097-0142', '10.1002/1097-0142'],
  ])('normalises %s', (raw, expected) => {
    expect(normalizeDoi(raw)).toBe(expected);
  });

  it('flags text that is not a DOI', () => {
    expect(checkDoi('10.12/short-registrant')).toEqual({
      valid: false,
      raw: '10.12/short-registrant',
      reason: 'not of the form 10.<registrant>/<suffix>',
    });
    expect(checkDoi('not a doi')?.valid).toBe(false);
  });

  it('ignores empty input', () => {
    expect(checkDoi('  ')).toBeUndefined();
    expect(checkDoi(null)).toBeUndefined();
  });
});

describe('checkOrcid', () => {
  it('accepts a valid iD in any written form', () => {
    expect(checkOrcid('https://orcid.org/0000-0002-1825-0097')).toEqual({
      valid: true,
      value: '0000-0002-1825-0097',
    });
    expect(checkOrcid('0000000218250097')).toEqual({ valid: true, value: '0000-0002-1825-0097' });
    expect(checkOrcid('0000-0002-1694-233x')).toEqual({ valid: true, value: '0000-0002-1694-233X' });
  });

  it('flags a wrong check digit', () => {
    const check = checkOrcid('0000-0002-1825-0098');
    expect(check?.valid).toBe(false);
    expect(check).toMatchObject({
      raw: '0000-0002-1825-0098',
      reason: expect.stringContaining('check digit'),
    });
  });

  it('flags a wrong shape', () => {
    expect(checkOrcid('0000-0002-1825')?.valid).toBe(false);
  });

  it('computes ISO 7064 mod 11-2', () => {
    expect(orcidCheckCharacter('000000021825009')).toBe('7');
    expect(orcidCheckCharacter('000000021694233')).toBe('X');
  });
});

describe('parseArxivId', () => {
  it('splits the version off a new-style id', () => {
    expect(parseArxivId('http://arxiv.org/abs/1707.08567v1')).toEqual({
      id: '1707.08567',
      version: 'v1',
      doi: '10.48550/arxiv.1707.08567',
    });
  });

  it('reads old-style ids', () => {
    expect(parseArxivId('hep-ex/0406020v1')).toEqual({
      id: 'hep-ex/0406020',
      version: 'v1',
      doi: '10.48550/arxiv.hep-ex/0406020',
    });
    expect(parseArxivId('arXiv:math.GT/0309136')).toEqual({
      id: 'math.GT/0309136',
      doi: '10.48550/arxiv.math.gt/0309136',
    });
  });

  it('rejects other text', () => {
    expect(parseArxivId('0808.05394x')).toBeUndefined();
    expect(parseArxivId('hello')).toBeUndefined();
  });

  it('reads the id back from an arXiv DOI', () => {
    expect(arxivIdFromDoi('10.48550/arXiv.2104.12255')?.id).toBe('2104.12255');
    expect(arxivIdFromDoi('10.1103/physrevb.85.115117')).toBeUndefined();
  });
});

describe('other identifiers', () => {
  it('normalises ROR, ISSN, ISBN, OpenAlex, PMCID and HAL ids', () => {
    expect(normalizeRor('https://ror.org/02nr0ka47')).toBe('02nr0ka47');
    expect(normalizeIssn('0304397x')).toBe('0304-397X');
    expect(normalizeIsbn('978-3-16-148410-0')).toBe('9783161484100');
    expect(normalizeOpenAlexId('https://openalex.org/W2741809807', 'W')).toBe('W2741809807');
    expect(normalizeOpenAlexId('https://openalex.org/A5023888391', 'W')).toBeUndefined();
    expect(normalizePmcid('https://www.ncbi.nlm.nih.gov/pmc/articles/5815332')).toBe('PMC5815332');
    expect(normalizeHalId('oai:HAL:hal-00830421v1')).toBe('hal-00830421');
    expect(normalizeHalId('https://hal.science/hal-05550756v1')).toBe('hal-05550756');
  });
});
