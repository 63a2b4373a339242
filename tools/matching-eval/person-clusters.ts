import { foldText } from '@atlas/name-matching';

import type { Work } from '@atlas/contracts';

/** Facts the corpus records for one OpenAlex author id. */
interface AuthorFacts {
  names: Set<string>;
  orcids: Set<string>;
  institutions: Set<string>;
  coauthors: Set<string>;
  years: Set<number>;
}

function factsByAuthor(works: Work[]): Map<string, AuthorFacts> {
  const facts = new Map<string, AuthorFacts>();
  for (const work of works) {
    for (const author of work.authors) {
      const id = author.sourceIds?.openalex;
      if (!id) continue;
      const entry = facts.get(id) ?? {
        names: new Set(),
        orcids: new Set(),
        institutions: new Set(),
        coauthors: new Set(),
        years: new Set(),
      };
      entry.names.add(foldText(author.rawName));
      if (author.orcid) entry.orcids.add(author.orcid);
      for (const affiliation of author.affiliations) {
        const institution = affiliation.rorId ?? affiliation.institutionName;
        if (institution) entry.institutions.add(foldText(institution));
      }
      for (const other of work.authors) {
        if (other !== author) entry.coauthors.add(foldText(other.rawName));
      }
      if (work.publicationYear) entry.years.add(work.publicationYear);
      facts.set(id, entry);
    }
  }
  return facts;
}

function intersects<T>(left: Set<T>, right: Set<T>): boolean {
  for (const value of left) if (right.has(value)) return true;
  return false;
}

function samePerson(left: AuthorFacts, right: AuthorFacts): boolean {
  if (intersects(left.orcids, right.orcids)) return true;
  const conflictingOrcids = left.orcids.size > 0 && right.orcids.size > 0;
  if (conflictingOrcids || !intersects(left.names, right.names)) return false;
  return (
    intersects(left.institutions, right.institutions) ||
    intersects(left.coauthors, right.coauthors) ||
    intersects(left.years, right.years)
  );
}

function indexBy(facts: Map<string, AuthorFacts>, keys: (entry: AuthorFacts) => Set<string>) {
  const index = new Map<string, string[]>();
  for (const [id, entry] of facts) {
    for (const key of keys(entry)) index.set(key, [...(index.get(key) ?? []), id]);
  }
  return index;
}

/**
 * Finds, for each profile author, the OpenAlex author ids that are the same person. OpenAlex
 * sometimes splits a person into several ids, and counting a record of the split-off id as a wrong
 * match would charge the matcher with OpenAlex's error. Two ids are linked when they share an ORCID,
 * or when they print an identical full name, carry no conflicting ORCIDs, and share an institution,
 * a co-author or a publication year. Returns the profile author ids that each author id belongs to.
 */
export function personClusters(works: Work[], profileAuthorIds: Iterable<string>): Map<string, string[]> {
  const facts = factsByAuthor(works);
  const byName = indexBy(facts, (entry) => entry.names);
  const byOrcid = indexBy(facts, (entry) => entry.orcids);
  const owners = new Map<string, string[]>();
  const link = (authorId: string, profileId: string) => {
    const current = owners.get(authorId) ?? [];
    if (!current.includes(profileId)) owners.set(authorId, [...current, profileId]);
  };
  for (const id of profileAuthorIds) {
    const own = facts.get(id);
    if (!own) continue;
    link(id, id);
    const related = [...own.names, ...own.orcids].flatMap((key) => [
      ...(byName.get(key) ?? []),
      ...(byOrcid.get(key) ?? []),
    ]);
    for (const other of new Set(related)) {
      if (other !== id && samePerson(own, facts.get(other)!)) link(other, id);
    }
  }
  return owners;
}
