import type { Topic, Venue } from '@atlas/contracts';

import { normalizeIssn, normalizeOpenAlexId } from '../identifiers/other-ids';
import { IdentifierSet } from '../model/identifier-set';
import type { FieldWarning, ParseOutcome } from '../model/parse-outcome';
import { parseFailure, RejectionCode } from '../model/parse-outcome';
import type { AuthorDraft } from '../model/work-builder';
import { buildWork, dropUndefined } from '../model/work-builder';
import { asArray, asObject, cleanText, httpUrl, languageCode } from '../text/clean-text';
import { checkedPublicationDate, checkWorkFieldTypes } from './field-checks';
import { rebuildAbstract } from './abstract';
import { parseAuthorship } from './authorship';
import { openAlexWorkType } from './work-types';

type Json = Record<string, unknown>;

/** Maps an OpenAlex work object (API, JSON Lines or capture line payload) to the unified work. */
export function parseOpenAlexWork(raw: Json): ParseOutcome {
  const sourceId = normalizeOpenAlexId(raw.id, 'W');
  if (!sourceId) return parseFailure(RejectionCode.missingField, 'OpenAlex work has no valid `id` (W…)');

  // Responses requested with `select=` carry `display_name` but not `title`; both hold the title.
  const title = cleanText(raw.title ?? raw.display_name, 4000);
  if (!title) return parseFailure(RejectionCode.missingField, 'OpenAlex work has no title', sourceId);

  const location = asObject(raw.primary_location) ?? {};
  const venueSource = asObject(location.source) ?? {};
  const warnings: FieldWarning[] = [];
  checkWorkFieldTypes(raw, warnings);
  const date = checkedPublicationDate(raw, warnings);
  const authors = asArray(raw.authorships)
    .map(parseAuthorship)
    .filter((author): author is AuthorDraft => author !== undefined);

  return {
    ok: true,
    entityType: 'work',
    sourceId,
    work: buildWork('openalex', sourceId, workIdentifiers(raw, sourceId), authors, {
      title,
      abstract: cleanText(rebuildAbstract(raw.abstract_inverted_index), 100_000),
      type: openAlexWorkType(raw.type, venueSource.type),
      sourceType: cleanText(raw.type, 128),
      publicationDate: date?.date,
      publicationYear: date?.year,
      venue: workVenue(venueSource, asObject(raw.biblio) ?? {}),
      language: languageCode(raw.language),
      topics: workTopics(raw),
      isRetracted: raw.is_retracted === true,
      url: httpUrl(location.landing_page_url) ?? httpUrl(raw.doi),
      authorsTruncated: raw.is_authors_truncated === true,
    }),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

function workIdentifiers(raw: Json, sourceId: string): IdentifierSet {
  const ids = new IdentifierSet();
  const given = asObject(raw.ids) ?? {};
  ids.addOpenAlex(sourceId);
  // Both places are read, so an invalid DOI in either is flagged rather than silently ignored.
  ids.addDoi(given.doi);
  if (raw.doi !== given.doi) ids.addDoi(raw.doi);
  ids.addPmid(given.pmid);
  ids.addPmcid(given.pmcid);
  if (given.mag !== undefined && given.mag !== null) ids.addOther('mag', String(given.mag));
  return ids;
}

function workVenue(source: Json, biblio: Json): Venue | undefined {
  const issns = [
    ...new Set(
      asArray(source.issn)
        .map(normalizeIssn)
        .filter((issn) => issn !== undefined),
    ),
  ];
  const venue = dropUndefined({
    name: cleanText(source.display_name, 1000),
    issns: issns.slice(0, 10),
    issnL: normalizeIssn(source.issn_l),
    publisher: cleanText(source.host_organization_name, 512),
    volume: cleanText(biblio.volume, 64),
    issue: cleanText(biblio.issue, 64),
    firstPage: cleanText(biblio.first_page, 64),
    lastPage: cleanText(biblio.last_page, 64),
  });
  return Object.keys(venue).length > 1 || venue.issns.length > 0 ? venue : undefined;
}

/** Topics (with their scores), keywords and MeSH headings; concepts are deprecated by OpenAlex. */
function workTopics(raw: Json): Topic[] {
  const topics: Topic[] = [];
  const add = (scheme: Topic['scheme'], label: unknown, id: unknown, score: unknown) => {
    const text = cleanText(label, 512);
    if (!text || topics.length >= 200) return;
    topics.push(
      dropUndefined({
        label: text,
        scheme,
        id: cleanText(id, 256),
        score: typeof score === 'number' && score >= 0 && score <= 1 ? score : undefined,
      }),
    );
  };

  for (const topic of asArray(raw.topics).map(asObject))
    add('openalex-topic', topic?.display_name, topic?.id, topic?.score);
  for (const keyword of asArray(raw.keywords).map(asObject)) {
    add('openalex-keyword', keyword?.display_name, keyword?.id, keyword?.score);
  }
  for (const mesh of asArray(raw.mesh).map(asObject))
    add('mesh', mesh?.descriptor_name, mesh?.descriptor_ui, undefined);
  return topics;
}
