import type { WorkType } from '@atlas/contracts';

/** ORCID work types (v3.0 names; v2 wrote them upper case with underscores) and their unified type. */
const ORCID_TYPES: Record<string, WorkType> = {
  'journal-article': 'journal-article',
  'conference-paper': 'proceedings-article',
  'conference-abstract': 'conference-presentation',
  'conference-poster': 'conference-poster',
  'lecture-speech': 'conference-presentation',
  book: 'book',
  'book-chapter': 'book-chapter',
  'edited-book': 'edited-book',
  'book-review': 'review',
  review: 'review',
  dissertation: 'dissertation',
  'dissertation-thesis': 'dissertation',
  'supervised-student-publication': 'dissertation',
  report: 'report',
  'working-paper': 'preprint',
  preprint: 'preprint',
  'data-set': 'dataset',
  software: 'software',
  patent: 'patent',
  'dictionary-entry': 'reference-entry',
  'encyclopedia-entry': 'reference-entry',
  'standards-and-policy': 'standard',
  'journal-issue': 'other',
  other: 'other',
};

/** Maps an ORCID work type, in either version's spelling, to the unified type. */
export function orcidWorkType(type: string | undefined): WorkType {
  const key = (type ?? '').toLowerCase().replace(/_/g, '-');
  return ORCID_TYPES[key] ?? 'other';
}
