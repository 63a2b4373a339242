import { parseArxivEntry } from '../arxiv/entry';
import { parseHalOaiRecord } from '../hal/oai-record';
import { parseFailure, RejectionCode } from '../model/parse-outcome';
import type { RecordUnit } from '../model/record-unit';
import { orcidDocumentUnits } from '../orcid/document';
import { asArray, asObject, cleanText } from '../text/clean-text';
import { parseXml, xmlText } from '../text/xml';
import type { FoundUnit, ReaderContext } from './read-types';
import { readDocument } from './whole-document';

type Json = Record<string, unknown>;

/**
 * Reads an XML document whole and splits it into records.
 * NOTE: XML is held in memory up to `maxDocumentBytes`. The source feeds (API pages, OAI-PMH
 * responses) are small, but a bulk XML dump would need a streaming (SAX) reader.
 */
export async function* readXmlDocument(
  chunks: AsyncIterable<Buffer>,
  context: ReaderContext,
  toUnits: (document: Json) => RecordUnit[],
): AsyncGenerator<FoundUnit> {
  const location = { file: context.file };
  const text = await readDocument(chunks, context.maxDocumentBytes);
  if (text === undefined) {
    const reason = `XML document exceeds the limit of ${context.maxDocumentBytes} bytes`;
    yield { kind: 'rejected', code: RejectionCode.tooLarge, reason, location };
    return;
  }
  const parsed = parseXml(text);
  if (!parsed.ok) {
    yield { kind: 'rejected', code: RejectionCode.malformedXml, reason: parsed.reason, location };
    return;
  }
  for (const [index, unit] of toUnits(parsed.document).entries()) {
    yield { kind: 'unit', unit, location: { ...location, index } };
  }
}

/** Entries of an arXiv Atom feed; a feed without entries (an empty search) has no records. */
export function arxivFeedUnits(document: Json): RecordUnit[] {
  const feed = asObject(document.feed) ?? {};
  return asArray(feed.entry)
    .map(asObject)
    .filter((entry): entry is Json => entry !== undefined)
    .map((entry) => ({ raw: entry, parse: () => parseArxivEntry(entry) }));
}

/** Records of an OAI-PMH `GetRecord` or `ListRecords` response; an OAI-PMH error is one rejection. */
export function oaiPmhUnits(document: Json): RecordUnit[] {
  const oai = asObject(document['OAI-PMH']) ?? {};
  const error = oai.error;
  if (error !== undefined) {
    const code = asObject(error)?.['@_code'];
    const message = cleanText(xmlText(error), 500) ?? 'no message';
    const reason = `OAI-PMH error ${String(code ?? '')}: ${message}`.replace(/ {2}/, ' ');
    return [{ raw: { error }, parse: () => parseFailure(RejectionCode.sourceError, reason) }];
  }
  const container = asObject(oai.GetRecord) ?? asObject(oai.ListRecords) ?? {};
  return asArray(container.record)
    .map(asObject)
    .filter((record): record is Json => record !== undefined)
    .map((record) => ({ raw: record, parse: () => parseHalOaiRecord(record) }));
}

/** Unwraps the root element of an ORCID XML document and splits it like its JSON form. */
export function orcidXmlUnits(document: Json): RecordUnit[] {
  const rootName = Object.keys(document).find((key) => !key.startsWith('?'));
  const root = rootName ? asObject(document[rootName]) : undefined;
  if (!root)
    return [
      {
        raw: document,
        parse: () => parseFailure(RejectionCode.unknownRecord, 'ORCID XML has no root element'),
      },
    ];
  return orcidDocumentUnits(root);
}
