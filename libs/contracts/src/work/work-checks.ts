import type { Work } from './work.schema';

/**
 * Lists what a schema cannot express about a work's authors: positions must run 1..n in list order
 * without gaps, and an author must not carry both a valid and an invalid ORCID. Returns an empty
 * list for a consistent work.
 */
export function checkAuthorPositions(work: Pick<Work, 'authors'>): string[] {
  const problems: string[] = [];

  work.authors.forEach((author, index) => {
    if (author.position !== index + 1) {
      problems.push(`/authors/${index}/position is ${author.position}, expected ${index + 1}`);
    }
    if (author.orcid !== undefined && author.orcidInvalid === true) {
      problems.push(`/authors/${index} has both a valid orcid and orcidInvalid set`);
    }
  });
  return problems;
}
