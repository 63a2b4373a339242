import { arxivDoi, isValidOrcid, normalizeDoi, normalizeOrcidShape } from './normalize';

describe('isValidOrcid', () => {
  it.each(['0000-0002-1825-0097', '0000-0001-5109-3700', '0000-0002-1694-233X'])('accepts %s', (orcid) => {
    expect(isValidOrcid(orcid)).toBe(true);
  });

  it.each(['0000-0002-1825-0098', '0000000218250097', '0000-0002-1825-009x', ''])('rejects %s', (orcid) => {
    expect(isValidOrcid(orcid)).toBe(false);
  });
});

describe('normalizeOrcidShape', () => {
  it('strips the resolver and adds hyphens', () => {
    expect(normalizeOrcidShape('https://orcid.org/000000021694233x')).toBe('0000-0002-1694-233X');
  });

  it('returns undefined for text without ORCID shape', () => {
    expect(normalizeOrcidShape('orcid: unknown')).toBeUndefined();
  });
});

describe('normalizeDoi', () => {
  it.each([
    ['https://doi.org/10.7717/PeerJ.4375', '10.7717/peerj.4375'],
    ['http://dx.doi.org/10.1000/ABC', '10.1000/abc'],
    ['doi:10.1000/xyz ', '10.1000/xyz'],
  ])('normalises %s', (raw, expected) => {
    expect(normalizeDoi(raw)).toBe(expected);
  });

  it('returns undefined for a non-DOI', () => {
    expect(normalizeDoi('peerj.4375')).toBeUndefined();
  });
});

describe('arxivDoi', () => {
  it('maps an arXiv id to its DataCite DOI', () => {
    expect(arxivDoi('1706.03762')).toBe('10.48550/arxiv.1706.03762');
  });
});
