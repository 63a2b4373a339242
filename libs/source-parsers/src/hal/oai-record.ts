import type { WorkType } from '@atlas/contracts';

import { normalizeHalId } from '../identifiers/other-ids';
import { IdentifierSet } from '../model/identifier-set';
import type { ParseOutcome } from '../model/parse-outcome';
import { parseFailure, RejectionCode } from '../model/parse-outcome';
import type { AuthorDraft } from '../model/work-builder';
import { authorDraft, buildWork } from '../model/work-builder';
import { asArray, asObject, httpUrl, languageCode } from '../text/clean-text';
import { partialDateFromText } from '../text/dates';
import { splitInvertedName } from '../text/names';
import { xmlText, xmlTexts } from '../text/xml';
import { euRepoWorkType, halWorkType } from './work-types';

type Json = Record<string, unknown>;

/** Maps one OAI-PMH `<record>` with Dublin Core metadata (HAL's `oai_dc`, BASE's `base_dc`). */
export function parseHalOaiRecord(raw: Json): ParseOutcome {
  const header = asObject(raw.header) ?? {};
  const identifier = xmlText(header.identifier);
  const sourceId = normalizeHalId(identifier);
  if (!sourceId)
    return parseFailure(RejectionCode.missingField, 'OAI-PMH record has no HAL identifier', identifier);

  const metadata = asObject(raw.metadata) ?? {};
  const dc = asObject(metadata.dc) ?? {};
  const title = xmlTexts(dc.title, 4000)[0];
  if (!title) return parseFailure(RejectionCode.missingField, 'OAI-PMH record has no dc:title', sourceId);

  const ids = new IdentifierSet();
  ids.addHal(sourceId);
  for (const text of xmlTexts(dc.identifier, 2048)) addDcIdentifier(ids, text);
  const date = xmlTexts(dc.date, 64)
    .map(partialDateFromText)
    .find((value) => value !== undefined);
  const descriptions = xmlTexts(dc.description, 100_000).filter((text) => text !== 'International audience');

  return {
    ok: true,
    entityType: 'work',
    sourceId,
    work: buildWork('hal', sourceId, ids, dcCreators(dc), {
      title,
      abstract: descriptions.sort((a, b) => b.length - a.length)[0],
      type: oaiWorkType(header, dc),
      sourceType: xmlTexts(dc.type, 128)[0],
      publicationDate: date?.date,
      publicationYear: date?.year,
      language: languageCode(xmlTexts(dc.language, 16)[0]),
      keywords: xmlTexts(dc.subject, 512).slice(0, 200),
      url: xmlTexts(dc.identifier, 2048)
        .map(httpUrl)
        .find((url) => url !== undefined && /hal/.test(url)),
    }),
  };
}

/** HAL writes creators as `Family, Given`, so the parts can be split at the comma. */
function dcCreators(dc: Json): AuthorDraft[] {
  return xmlTexts(dc.creator, 512)
    .map((name) => {
      const parts = splitInvertedName(name);
      const display = parts.givenName ? `${parts.givenName} ${parts.familyName}` : name;
      return authorDraft(display, { ...parts, rawName: name });
    })
    .filter((author): author is AuthorDraft => author !== undefined);
}

function addDcIdentifier(ids: IdentifierSet, text: string): void {
  if (/^(doi\s*:|info:doi\/|https?:\/\/(dx\.)?doi\.org\/|10\.[0-9]{4,9}\/)/i.test(text)) {
    ids.addDoi(text.replace(/^doi\s*:\s*/i, ''));
  } else if (/^(arxiv:|https?:\/\/arxiv\.org\/abs\/)/i.test(text)) {
    ids.addArxiv(text);
  }
}

/** Reads HAL's own type code from the header's `type:ART` set, else the Dublin Core type. */
function oaiWorkType(header: Json, dc: Json): WorkType {
  const setType = asArray(header.setSpec)
    .map(xmlText)
    .find((spec) => spec?.startsWith('type:'));
  if (setType) return halWorkType(setType.slice('type:'.length));
  const euRepo = xmlTexts(dc.type, 256)
    .map(euRepoWorkType)
    .find((type) => type !== undefined);
  return euRepo ?? 'other';
}
