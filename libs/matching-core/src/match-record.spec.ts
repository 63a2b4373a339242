import { DEFAULT_MODEL, DEFAULT_THRESHOLDS } from './match-model';
import { ProfileIndex } from './profile-index';
import { matchRecord } from './propose-candidates';

import type { AuthorSummary, ProfileSummary, RecordSummary } from './match-inputs';

/** Names, ORCIDs and RORs below come from real OpenAlex author and work objects. */
function profile(profileId: string, names: string[], extra: Partial<ProfileSummary> = {}): ProfileSummary {
  return {
    profileId,
    version: 1,
    names: names.map((full) => ({ full })),
    orcids: [],
    emails: [],
    sourceAuthorIds: [],
    affiliations: [],
    coauthors: [],
    topics: [],
    rules: [],
    decisionKeys: { confirmed: [], rejected: [] },
    ...extra,
  };
}

function record(authors: Partial<AuthorSummary>[]): RecordSummary {
  return {
    source: 'openalex',
    sourceId: 'W2741809807',
    rawRecordId: '0190a000-0000-7000-8000-000000000001',
    checksum: 'c1',
    year: 2018,
    identifiers: ['doi:10.7717/peerj.4375'],
    topics: [],
    similarityKeys: [],
    authors: authors.map((author, i) => ({
      position: i + 1,
      name: { full: 'x' },
      sourceAuthorIds: [],
      affiliations: [],
      ...author,
    })),
  };
}

function match(profiles: ProfileSummary[], summary: RecordSummary) {
  const index = new ProfileIndex(profiles);
  return matchRecord(summary, (author) => index.candidatesFor(author), DEFAULT_MODEL, DEFAULT_THRESHOLDS);
}

const PRIEM_ORCID = '0000-0001-6187-6610';

describe('matchRecord', () => {
  it('confirms an ORCID match whatever the name form', () => {
    const priem = profile('p1', ['Jason Priem'], { orcids: [PRIEM_ORCID] });
    const result = match([priem], record([{ name: { full: 'J. PRIEM' }, orcid: PRIEM_ORCID }]));
    expect(result.proposals[0]?.autoConfirmEligible).toBe(true);
    expect(
      result.proposals[0]?.reasons.find((r) => r.signal === 'name')?.contribution,
    ).toBeGreaterThanOrEqual(0);
  });

  it('keeps surname and initial below automatic confirmation', () => {
    const priem = profile('p1', ['Jason Priem']);
    const result = match([priem], record([{ name: { full: 'J. Priem' } }]));
    const score = result.pairs[0]?.score ?? 1;
    expect(score).toBeLessThan(DEFAULT_THRESHOLDS.autoConfirmFloor);
    expect(result.proposals.every((p) => !p.autoConfirmEligible)).toBe(true);
  });

  it('treats a different valid ORCID as strong evidence against', () => {
    const priem = profile('p1', ['Jason Priem'], { orcids: [PRIEM_ORCID] });
    const result = match([priem], record([{ name: { full: 'Jason Priem' }, orcid: '0000-0002-1825-0097' }]));
    expect(result.proposals).toHaveLength(0);
    expect(result.pairs[0]?.reasons.some((r) => r.signal === 'orcid_mismatch' && r.contribution < 0)).toBe(
      true,
    );
  });

  it('flags an ORCID on an unrelated name as suspect', () => {
    const priem = profile('p1', ['Jason Priem'], { orcids: [PRIEM_ORCID] });
    const result = match([priem], record([{ name: { full: 'Heather Piwowar' }, orcid: PRIEM_ORCID }]));
    expect(result.proposals.every((p) => !p.autoConfirmEligible)).toBe(true);
  });

  it('lists competing profiles of one position as a conflict', () => {
    const first = profile('p1', ['Richard Smith'], {
      rules: [{ identifier: 'doi:10.7717/peerj.4375', effect: 'include' }],
    });
    const second = profile('p2', ['Richard J. Smith'], {
      rules: [{ identifier: 'doi:10.7717/peerj.4375', effect: 'include' }],
    });
    const result = match([first, second], record([{ name: { full: 'Richard Smith' } }]));
    expect(result.proposals.map((p) => p.conflict)).toEqual([['p2'], ['p1']]);
    expect(result.proposals.every((p) => !p.autoConfirmEligible)).toBe(true);
  });

  it('applies exclude rules and ROR affiliations', () => {
    const excluded = profile('p1', ['Jason Priem'], {
      rules: [{ identifier: 'doi:10.7717/peerj.4375', effect: 'exclude' }],
    });
    expect(match([excluded], record([{ name: { full: 'Jason Priem' } }])).proposals).toHaveLength(0);
    const affiliated = profile('p2', ['Jason Priem'], {
      affiliations: [{ name: 'OurResearch', rorId: '02nr0ka47' }],
    });
    const result = match(
      [affiliated],
      record([{ name: { full: 'Jason Priem' }, affiliations: [{ rorId: '02nr0ka47' }] }]),
    );
    expect(result.pairs[0]?.reasons.some((r) => r.signal === 'affiliation_ror' && r.contribution > 0)).toBe(
      true,
    );
  });
});
