import type { Work } from '../work/work.schema';
import type { RawRecordRef } from '../common/record.schema';
import type { CanonicalWorkSummary } from '../common/canonical-work.schema';

/** Fixed ids and values shared by the examples, so examples read as one consistent story. */
export const EXAMPLE_IDS = {
  profile: '01938a6e-0000-7000-8000-000000000001',
  otherProfile: '01938a6e-0000-7000-8000-000000000002',
  account: '01938a6e-0000-7000-8000-000000000003',
  rawRecord: '01938a6e-0000-7000-8000-000000000010',
  previousRawRecord: '01938a6e-0000-7000-8000-000000000011',
  importRun: '01938a6e-0000-7000-8000-000000000020',
  syncRun: '01938a6e-0000-7000-8000-000000000021',
  candidate: '01938a6e-0000-7000-8000-000000000030',
  act: '01938a6e-0000-7000-8000-000000000040',
  work: '01938a6e-0000-7000-8000-000000000050',
  otherWork: '01938a6e-0000-7000-8000-000000000051',
  merge: '01938a6e-0000-7000-8000-000000000060',
  notification: '01938a6e-0000-7000-8000-000000000070',
  rule: '01938a6e-0000-7000-8000-000000000080',
  identity: '01938a6e-0000-7000-8000-000000000090',
} as const;

/** Example time of every change. */
export const EXAMPLE_TIME = '2026-12-04T10:00:00.000Z';

/** Example record version reference. */
export const EXAMPLE_RECORD: RawRecordRef = {
  rawRecordId: EXAMPLE_IDS.rawRecord,
  source: 'openalex',
  sourceId: 'W2741809807',
  checksum: `sha256:${'ab'.repeat(32)}`,
};

/** Example unified work, shaped after OpenAlex work W2741809807. */
export const EXAMPLE_WORK: Work = {
  source: 'openalex',
  sourceId: 'W2741809807',
  entityType: 'work',
  identifiers: { doi: '10.7717/peerj.4375', openalex: 'W2741809807', pmid: '29456894', pmcid: 'PMC5815332' },
  title: 'The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles',
  type: 'journal-article',
  sourceType: 'article',
  publicationDate: '2018-02-13',
  publicationYear: 2018,
  venue: { name: 'PeerJ', issns: ['2167-8359'], issnL: '2167-8359', publisher: 'PeerJ, Inc.' },
  language: 'en',
  topics: [
    {
      label: 'scientometrics and bibliometrics research',
      scheme: 'openalex-topic',
      id: 'T10102',
      score: 0.99,
    },
  ],
  keywords: ['open access'],
  isRetracted: false,
  isWithdrawn: false,
  relations: [],
  versions: [],
  authors: [
    {
      position: 1,
      rawName: 'Heather Piwowar',
      givenName: 'Heather',
      familyName: 'Piwowar',
      orcid: '0000-0003-1613-5981',
      sourceIds: { openalex: 'A5048491430' },
      affiliations: [{ rawString: 'Impactstory, Sanford, NC, USA', rorId: '05ppvf150', countryCode: 'US' }],
      isCorresponding: false,
    },
  ],
  authorsTruncated: false,
};

/** Example canonical work summary. */
export const EXAMPLE_CANONICAL_WORK: CanonicalWorkSummary = {
  id: EXAMPLE_IDS.work,
  title: EXAMPLE_WORK.title,
  type: 'journal-article',
  publicationDate: '2018-02-13',
  publicationYear: 2018,
  venueName: 'PeerJ',
  issns: ['2167-8359'],
  identifiers: { doi: '10.7717/peerj.4375' },
  authors: [
    { position: 1, name: 'Heather Piwowar', orcid: '0000-0003-1613-5981', profileId: EXAMPLE_IDS.profile },
  ],
  isRetracted: false,
  updatedAt: EXAMPLE_TIME,
};
