import type { Topic, Venue, WorkRelation } from '@atlas/contracts';

import { normalizeIssn } from '../identifiers/other-ids';
import { IdentifierSet } from '../model/identifier-set';
import type { ParseOutcome } from '../model/parse-outcome';
import { parseFailure, RejectionCode } from '../model/parse-outcome';
import type { AuthorDraft } from '../model/work-builder';
import { buildWork, dropUndefined } from '../model/work-builder';
import {
  asArray,
  asObject,
  cleanText,
  firstOf,
  httpUrl,
  languageCode,
  stripMarkup,
} from '../text/clean-text';
import type { PartialDate } from '../text/dates';
import { partialDateFromParts } from '../text/dates';
import { parseCrossrefAuthor } from './author';
import { crossrefRelations } from './relations';
import { crossrefWorkType } from './work-types';

type Json = Record<string, unknown>;

/** Maps a Crossref work (`message` of a `work` response, or an item of a list or data file). */
export function parseCrossrefWork(raw: Json): ParseOutcome {
  const ids = new IdentifierSet();
  ids.addDoi(raw.DOI);
  const sourceId = ids.values.doi;
  if (!sourceId) return parseFailure(RejectionCode.missingField, 'Crossref work has no valid `DOI`');

  const title = cleanText(stripMarkup(String(firstOf(raw.title) ?? '')), 4000);
  if (!title) return parseFailure(RejectionCode.missingField, 'Crossref work has no title', sourceId);

  for (const isbn of asArray(raw.ISBN)) ids.addIsbn(isbn);
  const date = crossrefDate(raw);
  const authors = asArray(raw.author)
    .map(parseCrossrefAuthor)
    .filter((author): author is AuthorDraft => author !== undefined);
  const relations: WorkRelation[] = crossrefRelations(raw);

  return {
    ok: true,
    entityType: 'work',
    sourceId,
    work: buildWork('crossref', sourceId, ids, authors, {
      title,
      subtitle: cleanText(stripMarkup(String(firstOf(raw.subtitle) ?? '')), 4000),
      abstract: typeof raw.abstract === 'string' ? cleanText(stripMarkup(raw.abstract), 100_000) : undefined,
      type: crossrefWorkType(raw.type, raw.subtype),
      sourceType: cleanText(raw.type, 128),
      publicationDate: date?.date,
      publicationYear: date?.year,
      venue: crossrefVenue(raw),
      language: languageCode(raw.language),
      topics: crossrefSubjects(raw),
      relations,
      url: httpUrl(raw.URL),
    }),
  };
}

/** `issued` is the earliest of print and online publication; the others are fallbacks. */
function crossrefDate(raw: Json): PartialDate | undefined {
  for (const field of ['issued', 'published', 'published-print', 'published-online', 'created']) {
    const parts = asArray(asObject(raw[field])?.['date-parts'])[0];
    if (!Array.isArray(parts)) continue;
    const date = partialDateFromParts(parts[0], parts[1], parts[2]);
    if (date) return date;
  }
  return undefined;
}

function crossrefVenue(raw: Json): Venue | undefined {
  const typed = asArray(raw['issn-type']).map((entry) => asObject(entry)?.value);
  const issns = [
    ...new Set([...typed, ...asArray(raw.ISSN)].map(normalizeIssn).filter((issn) => issn !== undefined)),
  ];
  const [firstPage, lastPage] = typeof raw.page === 'string' ? raw.page.split('-') : [];
  const venue = dropUndefined({
    name: cleanText(firstOf(raw['container-title']), 1000),
    issns: issns.slice(0, 10),
    publisher: cleanText(raw.publisher, 512),
    volume: cleanText(raw.volume, 64),
    issue: cleanText(
      raw['journal-issue'] ? (asObject(raw['journal-issue'])?.issue ?? raw.issue) : raw.issue,
      64,
    ),
    firstPage: cleanText(raw['article-number'] ?? firstPage, 64),
    lastPage: cleanText(lastPage, 64),
  });
  return Object.keys(venue).length > 1 || venue.issns.length > 0 ? venue : undefined;
}

function crossrefSubjects(raw: Json): Topic[] {
  return asArray(raw.subject)
    .map((subject) => cleanText(subject, 512))
    .filter((label): label is string => label !== undefined)
    .slice(0, 200)
    .map((label) => ({ label, scheme: 'crossref-subject' as const }));
}
