import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { normalizeDoi, normalizeOrcidShape } from '../common/normalize';
import { compileValidator } from '../validation/compile-validator';
import { checkAuthorPositions } from './work-checks';
import { WorkSchema } from './work.schema';

import type { WorkAuthor } from './work-author.schema';
import type { Work } from './work.schema';

const REAL_RECORD = join(
  __dirname,
  '../../../../data/real/openalex/api_responses/bvitamins_work_W2741809807.json.gz',
);

interface OpenAlexAuthorship {
  raw_author_name: string;
  is_corresponding: boolean;
  author: { id: string; orcid: string | null };
  raw_affiliation_strings: string[];
  institutions: { display_name: string; ror: string | null; country_code: string | null }[];
}

function lastSegment(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

function mapAuthorship(authorship: OpenAlexAuthorship, index: number): WorkAuthor {
  const institution = authorship.institutions[0];
  const orcid = authorship.author.orcid ? normalizeOrcidShape(authorship.author.orcid) : undefined;
  return {
    position: index + 1,
    rawName: authorship.raw_author_name,
    ...(orcid ? { orcid } : {}),
    sourceIds: { openalex: lastSegment(authorship.author.id) },
    affiliations: [
      {
        rawString: authorship.raw_affiliation_strings[0],
        ...(institution ? { institutionName: institution.display_name } : {}),
        ...(institution?.ror ? { rorId: lastSegment(institution.ror) } : {}),
        ...(institution?.country_code ? { countryCode: institution.country_code } : {}),
      },
    ],
    isCorresponding: authorship.is_corresponding,
  };
}

function loadRealWork(): Work {
  const record = JSON.parse(gunzipSync(readFileSync(REAL_RECORD)).toString('utf8'));
  const source = record.primary_location.source;
  return {
    source: 'openalex',
    sourceId: lastSegment(record.id),
    entityType: 'work',
    identifiers: {
      doi: normalizeDoi(record.doi),
      openalex: lastSegment(record.ids.openalex),
      pmid: lastSegment(record.ids.pmid),
      pmcid: `PMC${lastSegment(record.ids.pmcid)}`,
    },
    title: record.title,
    type: 'journal-article',
    sourceType: record.type,
    publicationDate: record.publication_date,
    publicationYear: record.publication_year,
    venue: { name: source.display_name, issns: source.issn, issnL: source.issn_l },
    language: record.language,
    topics: record.topics.map((topic: { display_name: string; id: string; score: number }) => ({
      label: topic.display_name,
      scheme: 'openalex-topic',
      id: lastSegment(topic.id),
      score: topic.score,
    })),
    keywords: record.keywords.map((keyword: { display_name: string }) => keyword.display_name),
    isRetracted: record.is_retracted,
    isWithdrawn: false,
    relations: [],
    versions: [],
    authors: record.authorships.map(mapAuthorship),
    authorsTruncated: false,
  };
}

describe('WorkSchema', () => {
  const validator = compileValidator(WorkSchema);
  const realWork = loadRealWork();

  it('accepts a work mapped from a real OpenAlex record', () => {
    expect(validator.errors(realWork)).toEqual([]);
    expect(realWork.identifiers.doi).toBe('10.7717/peerj.4375');
    expect(realWork.authors.length).toBeGreaterThan(1);
    expect(checkAuthorPositions(realWork)).toEqual([]);
  });

  it('rejects a DOI with its resolver prefix', () => {
    const work = { ...realWork, identifiers: { doi: 'https://doi.org/10.7717/peerj.4375' } };
    expect(validator.errors(work).map((error) => error.path)).toContain('/identifiers/doi');
  });

  it('rejects an upper-case DOI', () => {
    const work = { ...realWork, identifiers: { doi: '10.7717/PEERJ.4375' } };
    expect(validator.check(work)).toBe(false);
  });

  it('rejects an unknown work type', () => {
    expect(validator.check({ ...realWork, type: 'article' })).toBe(false);
  });

  it('rejects an ORCID URL in the orcid field', () => {
    const author = { ...realWork.authors[0], orcid: 'https://orcid.org/0000-0003-1613-5981' };
    const errors = validator.errors({ ...realWork, authors: [author] });
    expect(errors.map((error) => error.path)).toContain('/authors/0/orcid');
  });

  it('accepts an invalid ORCID kept as raw text', () => {
    const author = { ...realWork.authors[0], orcid: undefined, orcidRaw: '0000-0003-1613-5982' };
    const work = { ...realWork, authors: [{ ...author, orcidInvalid: true }] };
    expect(validator.errors(JSON.parse(JSON.stringify(work)))).toEqual([]);
  });

  it('rejects a malformed partial date', () => {
    expect(validator.check({ ...realWork, publicationDate: '2018-13' })).toBe(false);
  });

  it('rejects a missing title', () => {
    const { title: _title, ...untitled } = realWork;
    expect(validator.errors(untitled).length).toBeGreaterThan(0);
  });

  it('reports author positions out of order', () => {
    const authors = [...realWork.authors].reverse();
    expect(checkAuthorPositions({ authors })).not.toEqual([]);
  });
});
