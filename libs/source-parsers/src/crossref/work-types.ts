import type { WorkType } from '@atlas/contracts';

/** Crossref `type` values (from its `/types` list) and their unified type. */
const CROSSREF_TYPES: Record<string, WorkType> = {
  'journal-article': 'journal-article',
  'proceedings-article': 'proceedings-article',
  'book-chapter': 'book-chapter',
  'book-section': 'book-chapter',
  'book-part': 'book-chapter',
  'book-track': 'book-chapter',
  book: 'book',
  monograph: 'book',
  'reference-book': 'book',
  'edited-book': 'edited-book',
  'reference-entry': 'reference-entry',
  dataset: 'dataset',
  database: 'dataset',
  dissertation: 'dissertation',
  report: 'report',
  'report-component': 'report',
  'report-series': 'report',
  standard: 'standard',
  'peer-review': 'peer-review',
  'posted-content': 'preprint',
  other: 'other',
};

/** Maps a Crossref work type to the unified type; containers (journal, issue, series) become `other`. */
export function crossrefWorkType(type: unknown, subtype: unknown): WorkType {
  if (type === 'posted-content' && typeof subtype === 'string' && subtype !== 'preprint') return 'other';
  return (typeof type === 'string' ? CROSSREF_TYPES[type] : undefined) ?? 'other';
}
