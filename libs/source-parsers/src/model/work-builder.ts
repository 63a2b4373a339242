import type { Source, Work, WorkAffiliation, WorkAuthor } from '@atlas/contracts';

import { checkOrcid } from '../identifiers/orcid';
import { cleanText } from '../text/clean-text';
import type { IdentifierSet } from './identifier-set';

/** Fields every parser fills; the builder adds the defaults and the fixed ones. */
export type WorkDraft = Omit<
  Work,
  | 'source'
  | 'sourceId'
  | 'entityType'
  | 'identifiers'
  | 'authors'
  | 'topics'
  | 'keywords'
  | 'relations'
  | 'versions'
  | 'isRetracted'
  | 'isWithdrawn'
  | 'authorsTruncated'
  | 'invalidIdentifiers'
> &
  Partial<Pick<Work, 'topics' | 'keywords' | 'relations' | 'versions' | 'isRetracted' | 'isWithdrawn'>> &
  Partial<Pick<Work, 'authorsTruncated'>>;

/** An author as a parser reads it, before positions are assigned. */
export type AuthorDraft = Omit<WorkAuthor, 'position'>;

const MAX_AFFILIATIONS = 50;

/** Assembles a unified work: numbers the authors 1..n and fills the defaults of optional lists. */
export function buildWork(
  source: Source,
  sourceId: string,
  ids: IdentifierSet,
  authors: AuthorDraft[],
  draft: WorkDraft,
): Work {
  const work: Work = {
    source,
    sourceId,
    entityType: 'work',
    identifiers: ids.values,
    topics: [],
    keywords: [],
    relations: [],
    versions: [],
    isRetracted: false,
    isWithdrawn: false,
    authorsTruncated: false,
    ...dropUndefined(draft),
    authors: authors.map((author, index) => ({ position: index + 1, ...author })),
  };
  if (ids.invalid.length > 0) work.invalidIdentifiers = ids.invalid;
  return work;
}

/** Builds the ORCID fields of an author or profile: the valid iD, or the raw text flagged as invalid. */
export function orcidFields(raw: unknown): Pick<WorkAuthor, 'orcid' | 'orcidRaw' | 'orcidInvalid'> {
  const check = checkOrcid(raw);
  if (!check) return {};
  if (check.valid) return { orcid: check.value };

  const text = cleanText(check.raw, 256);
  return text ? { orcidRaw: text, orcidInvalid: true } : {};
}

/** Starts an author draft from the printed name; undefined when the source gives no name. */
export function authorDraft(rawName: unknown, fields: Partial<AuthorDraft> = {}): AuthorDraft | undefined {
  const name = cleanText(rawName, 512);
  if (!name) return undefined;
  return { rawName: name, affiliations: [], isCorresponding: false, ...dropUndefined(fields) };
}

/** Keeps the affiliations that have at least one field, within the schema's maximum. */
export function usefulAffiliations(affiliations: WorkAffiliation[]): WorkAffiliation[] {
  return affiliations
    .map((affiliation) => dropUndefined(affiliation))
    .filter((affiliation) => Object.keys(affiliation).length > 0)
    .slice(0, MAX_AFFILIATIONS);
}

/** Removes keys whose value is undefined, so optional schema fields are absent instead of undefined. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
