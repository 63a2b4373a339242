import { EXAMPLE_IDS, EXAMPLE_TIME } from '../examples/example-values';
import { MAX_IDENTIFIER_RULES } from '../common/profile-match-facts.schema';
import { compileValidator } from '../validation/compile-validator';
import { ProfileChangedV1 } from './verification-profile.events';

/** Default NATS maximum payload. */
const NATS_MAX_PAYLOAD = 1024 * 1024;

function repeat<Item>(count: number, build: (index: number) => Item): Item[] {
  return Array.from({ length: count }, (_unused, index) => build(index));
}

/**
 * Builds a profile changed payload with every list at its cap and every string at its maximum length
 * in two-byte characters (accented Latin letters). Text in three- or four-byte scripts could be larger.
 */
function buildLargestProfileChanged() {
  const text = (length: number) => 'é'.repeat(length);
  return {
    profileId: EXAMPLE_IDS.profile,
    changes: ['identities'],
    displayName: text(256),
    primaryOrcid: '0000-0003-1613-5981',
    contactEmail: `${'a'.repeat(64)}@example.org`,
    settings: {
      autoConfirmThreshold: 0.98,
      notificationFrequency: 'weekly',
      watchedSources: ['openalex', 'crossref', 'hal', 'orcid', 'arxiv'],
      visibility: 'public',
      allowNameSearch: true,
    },
    facts: {
      identities: repeat(200, () => ({
        id: EXAMPLE_IDS.identity,
        type: 'name_variant',
        value: text(320),
        isPrimary: false,
        verifiedAt: EXAMPLE_TIME,
        verificationMethod: text(64),
      })),
      nameVariants: repeat(100, () => text(256)),
      affiliations: repeat(100, () => ({
        name: text(512),
        rorId: '05ppvf150',
        start: '2011-01',
        end: '2018-12',
      })),
      identifierRules: repeat(MAX_IDENTIFIER_RULES, () => ({
        id: EXAMPLE_IDS.rule,
        identifierType: 'doi',
        value: `10.1000/${'a'.repeat(504)}`,
        effect: 'include',
        createdAt: EXAMPLE_TIME,
      })),
      coauthors: repeat(300, () => ({ name: text(256), orcid: '0000-0003-1613-5981', sharedWorks: 1000 })),
      topics: repeat(100, () => ({ label: text(256), id: text(128), works: 1000 })),
      activeYears: { first: 1950, last: 2026 },
      confirmedWorks: 100_000,
    },
  };
}

describe('profile changed size', () => {
  it('stays under the message cap at every limit', () => {
    const payload = buildLargestProfileChanged();
    expect(compileValidator(ProfileChangedV1.schema).errors(payload)).toEqual([]);
    const bytes = Buffer.byteLength(JSON.stringify({ data: payload }));
    expect(bytes).toBeLessThan(NATS_MAX_PAYLOAD - 4096);
  });
});
