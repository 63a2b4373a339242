import { parseCrossrefWork } from '../crossref/work';
import { parseFailure, RejectionCode } from '../model/parse-outcome';
import type { RecordUnit } from '../model/record-unit';
import { orcidDocumentUnits } from '../orcid/document';
import { asObject } from '../text/clean-text';
import type { SourceFormat } from './formats';
import { readJsonArray, readJsonDocument, readJsonLines, unitOrUnknown } from './json-readers';
import type { FoundUnit, ReaderContext } from './read-types';
import { arxivFeedUnits, oaiPmhUnits, orcidXmlUnits, readXmlDocument } from './xml-readers';

type FormatReader = (chunks: AsyncIterable<Buffer>, context: ReaderContext) => AsyncGenerator<FoundUnit>;

/** The reader of each format: where its records sit and how each is recognised. */
export const FORMAT_READERS: Record<SourceFormat, FormatReader> = {
  jsonl: readJsonLines,
  'json-array': (chunks, context) => readJsonArray(chunks, context, ''),
  'json-record': (chunks, context) =>
    readJsonDocument(chunks, context, (document) => [unitOrUnknown(document)]),
  'openalex-list': (chunks, context) => readJsonArray(chunks, context, 'results'),
  'crossref-message': readCrossrefMessage,
  'crossref-data-file': (chunks, context) => readJsonArray(chunks, context, 'items', crossrefUnit),
  'hal-search': (chunks, context) => readJsonArray(chunks, context, 'response.docs'),
  'orcid-json': (chunks, context) => readJsonDocument(chunks, context, orcidDocumentUnits),
  'hal-oai': (chunks, context) => readXmlDocument(chunks, context, oaiPmhUnits),
  'orcid-xml': (chunks, context) => readXmlDocument(chunks, context, orcidXmlUnits),
  'arxiv-atom': (chunks, context) => readXmlDocument(chunks, context, arxivFeedUnits),
};

/** Reads a Crossref API response: a `work-list` streams `message.items`, a `work` is one record. */
function readCrossrefMessage(
  chunks: AsyncIterable<Buffer>,
  context: ReaderContext,
): AsyncGenerator<FoundUnit> {
  if (/"message-type"\s*:\s*"work-list"/.test(context.head))
    return readJsonArray(chunks, context, 'message.items', crossrefUnit);
  return readJsonDocument(chunks, context, (document) => {
    if (document['message-type'] !== undefined && document['message-type'] !== 'work') {
      const reason = `Crossref response of type ${String(document['message-type'])} holds no works`;
      return [{ raw: document, parse: () => parseFailure(RejectionCode.unknownRecord, reason) }];
    }
    return [crossrefUnit(document.message ?? document)];
  });
}

function crossrefUnit(value: unknown): RecordUnit {
  const record = asObject(value) ?? { value };
  return { raw: record, parse: () => parseCrossrefWork(record) };
}
