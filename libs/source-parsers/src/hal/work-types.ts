import type { WorkType } from '@atlas/contracts';

/** HAL `docType_s` codes and their unified type. */
const HAL_DOC_TYPES: Record<string, WorkType> = {
  ART: 'journal-article',
  COMM: 'proceedings-article',
  POSTER: 'conference-poster',
  PRESCONF: 'conference-presentation',
  OUV: 'book',
  COUV: 'book-chapter',
  DOUV: 'edited-book',
  PROCEEDINGS: 'edited-book',
  THESE: 'dissertation',
  HDR: 'dissertation',
  MEM: 'dissertation',
  REPORT: 'report',
  UNDEFINED: 'preprint',
  PREPRINT: 'preprint',
  SOFTWARE: 'software',
  PATENT: 'patent',
  NOTE: 'other',
  OTHER: 'other',
};

/** OAI-PMH `info:eu-repo/semantics/*` types (OpenAIRE vocabulary) and their unified type. */
const EU_REPO_TYPES: Record<string, WorkType> = {
  article: 'journal-article',
  conferenceObject: 'proceedings-article',
  conferencePoster: 'conference-poster',
  book: 'book',
  bookPart: 'book-chapter',
  doctoralThesis: 'dissertation',
  masterThesis: 'dissertation',
  report: 'report',
  preprint: 'preprint',
  workingPaper: 'preprint',
  patent: 'patent',
  review: 'review',
  other: 'other',
};

/** Maps a HAL document type code (`ART`, `COMM`...) to the unified type. */
export function halWorkType(docType: unknown): WorkType {
  return (typeof docType === 'string' ? HAL_DOC_TYPES[docType.toUpperCase()] : undefined) ?? 'other';
}

/** Maps an `info:eu-repo/semantics/<type>` URI to the unified type, or undefined for other texts. */
export function euRepoWorkType(type: string): WorkType | undefined {
  const match = /^info:eu-repo\/semantics\/(\w+)$/.exec(type.trim());
  return match?.[1] ? EU_REPO_TYPES[match[1]] : undefined;
}
