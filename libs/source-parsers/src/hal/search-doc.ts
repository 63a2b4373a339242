import type { Venue } from '@atlas/contracts';

import { normalizeHalId, normalizeIssn } from '../identifiers/other-ids';
import { IdentifierSet } from '../model/identifier-set';
import type { ParseOutcome } from '../model/parse-outcome';
import { parseFailure, RejectionCode } from '../model/parse-outcome';
import type { AuthorDraft } from '../model/work-builder';
import { authorDraft, buildWork, dropUndefined } from '../model/work-builder';
import { asArray, cleanText, firstOf, httpUrl, languageCode } from '../text/clean-text';
import { partialDateFromParts, partialDateFromText } from '../text/dates';
import { halWorkType } from './work-types';

type Json = Record<string, unknown>;

/** Maps a HAL search API document (`response.docs[]`, any `fl` selection) to the unified work. */
export function parseHalDocument(raw: Json): ParseOutcome {
  // Selections without `halId_s` still carry the id in `uri_s` (`https://hal.science/hal-05550756v1`).
  const sourceId = normalizeHalId(raw.halId_s) ?? normalizeHalId(raw.uri_s);
  if (!sourceId) return parseFailure(RejectionCode.missingField, 'HAL document has no `halId_s` or `uri_s`');

  const title = cleanText(firstOf(raw.title_s), 4000);
  if (!title) return parseFailure(RejectionCode.missingField, 'HAL document has no title', sourceId);

  const ids = new IdentifierSet();
  ids.addHal(sourceId);
  ids.addDoi(raw.doiId_s);
  ids.addArxiv(raw.arxivId_s);
  ids.addPmid(raw.pubmedId_s);
  for (const isbn of asArray(raw.isbn_s)) ids.addIsbn(isbn);

  const date =
    partialDateFromText(raw.publicationDate_s) ??
    partialDateFromText(raw.producedDate_s) ??
    partialDateFromParts(raw.producedDateY_i);
  const version = Number.isInteger(raw.version_i) ? `v${raw.version_i as number}` : undefined;
  return {
    ok: true,
    entityType: 'work',
    sourceId,
    work: buildWork('hal', sourceId, ids, halAuthors(raw), {
      title,
      subtitle: cleanText(firstOf(raw.subTitle_s), 4000),
      abstract: cleanText(firstOf(raw.abstract_s), 100_000),
      type: halWorkType(raw.docType_s),
      sourceType: cleanText(raw.docType_s, 128),
      publicationDate: date?.date,
      publicationYear: date?.year,
      venue: halVenue(raw),
      language: languageCode(firstOf(raw.language_s)),
      topics: asArray(raw.domain_s)
        .map((code) => cleanText(code, 512))
        .filter((label): label is string => label !== undefined)
        .filter((label, index, all) => all.indexOf(label) === index)
        .map((label) => ({ label, scheme: 'hal-domain' as const })),
      keywords: asArray(raw.keyword_s)
        .map((keyword) => cleanText(keyword, 512))
        .filter((keyword): keyword is string => keyword !== undefined)
        .slice(0, 200),
      versions: version ? [{ label: version }] : [],
      url: httpUrl(raw.uri_s),
    }),
  };
}

/**
 * Reads the parallel author arrays. Name parts and ids are used only when their array has one entry
 * per author, because HAL omits entries in some selections and a shifted array would mislabel people.
 */
// NOTE: author affiliations (`authIdHasStructure_fs`) are not read yet; no stored HAL response has them.
function halAuthors(raw: Json): AuthorDraft[] {
  const names = asArray(raw.authFullName_s);
  const aligned = (field: string) => {
    const values = asArray(raw[field]);
    return values.length === names.length ? values : [];
  };
  const givenNames = aligned('authFirstName_s');
  const familyNames = aligned('authLastName_s');
  const formIds = aligned('authId_i');
  const idHals = aligned('authIdHalFullName_fs').map((facet) => String(facet).split('_FacetSep_')[0]);
  const qualities = aligned('authQuality_s');

  return names
    .map((name, index) => {
      const idHal = idHals[index];
      const formId = formIds[index];
      const sourceIds = dropUndefined({
        halIdHal: idHal && /^[a-z0-9][a-z0-9._-]{0,127}$/.test(idHal) ? idHal : undefined,
        halFormId: Number.isInteger(formId) ? String(formId) : undefined,
      });
      return authorDraft(name, {
        givenName: cleanText(givenNames[index], 256),
        familyName: cleanText(familyNames[index], 256),
        ...(Object.keys(sourceIds).length > 0 ? { sourceIds } : {}),
        isCorresponding: qualities[index] === 'crp',
      });
    })
    .filter((author): author is AuthorDraft => author !== undefined);
}

function halVenue(raw: Json): Venue | undefined {
  const issns = [raw.journalIssn_s, raw.journalEissn_s]
    .map(normalizeIssn)
    .filter((issn) => issn !== undefined);
  const [firstPage, lastPage] = typeof raw.page_s === 'string' ? raw.page_s.split('-') : [];
  const venue = dropUndefined({
    name: cleanText(raw.journalTitle_s ?? raw.conferenceTitle_s ?? raw.bookTitle_s, 1000),
    issns: [...new Set(issns)],
    publisher: cleanText(raw.journalPublisher_s ?? firstOf(raw.publisher_s), 512),
    volume: cleanText(raw.volume_s, 64),
    issue: cleanText(firstOf(raw.issue_s), 64),
    firstPage: cleanText(firstPage, 64),
    lastPage: cleanText(lastPage, 64),
  });
  return Object.keys(venue).length > 1 || venue.issns.length > 0 ? venue : undefined;
}
