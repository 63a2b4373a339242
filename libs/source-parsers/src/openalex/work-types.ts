import type { WorkType } from '@atlas/contracts';

/** OpenAlex `type` values and their unified type; an `article` in a conference source is a paper. */
const OPENALEX_TYPES: Record<string, WorkType> = {
  article: 'journal-article',
  preprint: 'preprint',
  'book-chapter': 'book-chapter',
  book: 'book',
  dataset: 'dataset',
  dissertation: 'dissertation',
  review: 'review',
  letter: 'letter',
  editorial: 'editorial',
  erratum: 'erratum',
  retraction: 'retraction',
  'reference-entry': 'reference-entry',
  report: 'report',
  standard: 'standard',
  'peer-review': 'peer-review',
  software: 'software',
  paratext: 'other',
  libguides: 'other',
  grant: 'other',
  'supplementary-materials': 'other',
  other: 'other',
};

/** Checks whether a value is one of the OpenAlex work types this mapping knows. */
export function isOpenAlexWorkType(type: unknown): boolean {
  return typeof type === 'string' && Object.hasOwn(OPENALEX_TYPES, type);
}

/** Maps an OpenAlex work type to the unified type, using the source type to spot conference papers. */
export function openAlexWorkType(type: unknown, sourceType: unknown): WorkType {
  const mapped = isOpenAlexWorkType(type) ? OPENALEX_TYPES[type as string] : undefined;
  if (mapped === 'journal-article' && sourceType === 'conference') return 'proceedings-article';
  return mapped ?? 'other';
}
