import type { CanonicalWorkSummary } from '@atlas/contracts';

const HEADER = [
  'id',
  'title',
  'authors',
  'year',
  'date',
  'type',
  'venue',
  'issn',
  'doi',
  'arxiv',
  'hal',
  'openalex',
];

/** Quotes a field when it contains a separator, a quote or a line break, doubling inner quotes (RFC 4180). */
export function csvField(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes works as CSV with a header row and CRLF line ends; authors are joined with `; `. */
export function worksToCsv(works: readonly CanonicalWorkSummary[]): string {
  const rows = works.map((work) => [
    work.id,
    work.title,
    work.authors.map((author) => author.name).join('; '),
    work.publicationYear,
    work.publicationDate,
    work.type,
    work.venueName,
    work.issns.join(' '),
    work.identifiers.doi,
    work.identifiers.arxiv,
    work.identifiers.hal,
    work.identifiers.openalex,
  ]);
  return [HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
