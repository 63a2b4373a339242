import { topicKeys } from '@atlas/matching-core';

import type { Work, WorkAuthor } from '@atlas/contracts';
import type { ProfileSummary } from '@atlas/matching-core';
import type { SourceAuthorProfile } from '@atlas/source-parsers';

/** Source of a profile's names, ORCID and affiliations. */
export type ProfileOrigin = 'author object' | 'earlier works';

/** Names, ORCID and affiliations a profile declares, before the signals of its earlier works. */
interface DeclaredIdentity {
  names: string[];
  orcid?: string;
  affiliations: { name: string; rorId?: string }[];
}

function yearOf(work: Work): number {
  return work.publicationYear ?? 0;
}

function positionsOf(authorId: string, works: Work[]): WorkAuthor[] {
  return works.flatMap((work) => work.authors.filter((author) => author.sourceIds?.openalex === authorId));
}

function mostFrequent(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

function declaredByAuthorObject(author: SourceAuthorProfile): DeclaredIdentity {
  return {
    names: [author.displayName, ...author.alternativeNames].filter((name): name is string => Boolean(name)),
    orcid: author.orcid,
    affiliations: author.affiliations.flatMap((a) =>
      a.institutionName ? [{ name: a.institutionName, rorId: a.rorId }] : [],
    ),
  };
}

/**
 * Declares what a researcher would type into a new profile from their earlier works alone: the name
 * forms printed on them, the ORCID most of them carry, and the institutions they list.
 */
function declaredByEarlierWorks(authorId: string, earlier: Work[]): DeclaredIdentity {
  const positions = positionsOf(authorId, earlier);
  const affiliations = new Map<string, { name: string; rorId?: string }>();
  for (const affiliation of positions.flatMap((position) => position.affiliations)) {
    const name = affiliation.institutionName ?? affiliation.rawString;
    if (name) affiliations.set(affiliation.rorId ?? name, { name, rorId: affiliation.rorId });
  }
  return {
    names: [...new Set(positions.map((position) => position.rawName))],
    orcid: mostFrequent(positions.flatMap((position) => (position.orcid ? [position.orcid] : []))),
    affiliations: [...affiliations.values()],
  };
}

/**
 * Builds the profile of one OpenAlex author from what they declare and from the co-authors, topics
 * and years of their earlier works. The OpenAlex author id is the truth label, so it is never shown
 * to the matcher.
 */
export function buildProfile(
  authorId: string,
  origin: ProfileOrigin,
  author: SourceAuthorProfile | undefined,
  earlier: Work[],
  withIdentifiers: boolean,
): ProfileSummary {
  const declared =
    origin === 'author object' && author
      ? declaredByAuthorObject(author)
      : declaredByEarlierWorks(authorId, earlier);
  const coauthors = earlier.flatMap((work) =>
    work.authors.filter((a) => a.sourceIds?.openalex !== authorId).map((a) => a.rawName),
  );
  const years = earlier.map(yearOf).filter((year) => year > 0);
  return {
    profileId: authorId,
    version: 1,
    names: declared.names.map((full) => ({ full })),
    orcids: withIdentifiers && declared.orcid ? [declared.orcid] : [],
    emails: [],
    sourceAuthorIds: [],
    affiliations: declared.affiliations,
    coauthors: [...new Set(coauthors)].slice(0, 300),
    topics: [...new Set(earlier.flatMap((work) => topicKeys(work)))].slice(0, 100),
    activeYears: years.length > 0 ? { first: Math.min(...years), last: Math.max(...years) } : undefined,
    rules: [],
    decisionKeys: { confirmed: [], rejected: [] },
  };
}
