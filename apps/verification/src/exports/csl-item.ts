import type { CanonicalWorkSummary, WorkType } from '@atlas/contracts';

/** A CSL-JSON item, the shape citation-js reads and writes. */
export type CslItem = Record<string, unknown> & { id: string; type: string; title: string };

/** CSL types of the work types; anything unlisted is a generic `document`. */
const CSL_TYPES: Partial<Record<WorkType, string>> = {
  'journal-article': 'article-journal',
  'proceedings-article': 'paper-conference',
  book: 'book',
  'edited-book': 'book',
  'book-chapter': 'chapter',
  preprint: 'article',
  dataset: 'dataset',
  software: 'software',
  dissertation: 'thesis',
  report: 'report',
  review: 'review',
  editorial: 'article-journal',
  letter: 'article-journal',
  erratum: 'article-journal',
  'conference-poster': 'speech',
  'conference-presentation': 'speech',
  patent: 'patent',
  'reference-entry': 'entry-encyclopedia',
  standard: 'standard',
};

/** Splits an author name as listed into CSL family and given parts (`Family, Given` or `Given Family`). */
export function cslName(name: string): { family: string; given?: string } {
  const [before, after] = name.split(/,(.*)/s).map((part) => part?.trim());
  if (after) return { family: before!, given: after };
  const words = name.trim().split(/\s+/);
  if (words.length === 1) return { family: words[0]! };
  return { family: words[words.length - 1]!, given: words.slice(0, -1).join(' ') };
}

/** Date parts of a partial ISO date or a year. */
function issued(work: CanonicalWorkSummary) {
  const parts =
    work.publicationDate?.split('-').map(Number) ?? (work.publicationYear ? [work.publicationYear] : []);
  return parts.length > 0 ? { issued: { 'date-parts': [parts] } } : {};
}

/** Maps a canonical work to a CSL-JSON item, the common input of every citation format. */
export function toCslItem(work: CanonicalWorkSummary): CslItem {
  const ids = work.identifiers;
  return {
    id: work.id,
    type: CSL_TYPES[work.type] ?? 'document',
    title: work.title,
    author: work.authors.map((author) => cslName(author.name)),
    ...issued(work),
    ...(work.venueName ? { 'container-title': work.venueName } : {}),
    ...(work.issns[0] ? { ISSN: work.issns[0] } : {}),
    ...(ids.doi ? { DOI: ids.doi } : {}),
    ...(ids.isbns?.[0] ? { ISBN: ids.isbns[0] } : {}),
    ...(ids.pmid ? { PMID: ids.pmid } : {}),
    ...(ids.arxiv ? { number: `arXiv:${ids.arxiv}` } : {}),
    ...(ids.hal ? { URL: `https://hal.science/${ids.hal}` } : {}),
  };
}
