import { parseCrossrefWork } from '../crossref/work';
import { parseHalDocument } from '../hal/search-doc';
import { parseFailure, RejectionCode } from '../model/parse-outcome';
import type { RecordUnit } from '../model/record-unit';
import { parseOpenAlexAuthor } from '../openalex/author';
import { parseOpenAlexWork } from '../openalex/work';
import { asObject } from '../text/clean-text';

type Json = Record<string, unknown>;

const OPENALEX_ID = /^(https?:\/\/openalex\.org\/)?([WA])[0-9]+$/i;

/**
 * Recognises one JSON record of any source (a JSON Lines line, an array item or a one-record
 * document) and returns it with its parser, or undefined for an unknown shape.
 */
export function classifyJsonRecord(value: Json | undefined): RecordUnit | undefined {
  const record = asObject(value);
  if (!record) return undefined;
  if ('openalex_response' in record && 'http_status' in record) return openAlexCapture(record);

  const openalex = typeof record.id === 'string' ? OPENALEX_ID.exec(record.id) : null;
  if (openalex?.[2]?.toUpperCase() === 'W') return { raw: record, parse: () => parseOpenAlexWork(record) };
  if (openalex?.[2]?.toUpperCase() === 'A') return { raw: record, parse: () => parseOpenAlexAuthor(record) };
  if ('DOI' in record && ('type' in record || 'title' in record || 'member' in record)) {
    return { raw: record, parse: () => parseCrossrefWork(record) };
  }
  if ('halId_s' in record || 'title_s' in record || 'docid' in record) {
    return { raw: record, parse: () => parseHalDocument(record) };
  }
  return undefined;
}

/**
 * Unwraps a capture line, which wraps an OpenAlex API response with the requested DOI, the time and
 * the HTTP status. The stored record is the response itself. A line whose request failed is rejected.
 */
function openAlexCapture(line: Json): RecordUnit {
  const response = asObject(line.openalex_response);
  const doi = typeof line.doi === 'string' ? line.doi : undefined;
  const fetchedAt = typeof line.fetched_at === 'string' ? line.fetched_at : undefined;
  if (line.http_status !== 200 || !response) {
    const reason = `OpenAlex capture has HTTP status ${String(line.http_status)} and no work for DOI ${doi ?? '(none)'}`;
    return { raw: line, parse: () => parseFailure(RejectionCode.sourceError, reason, doi) };
  }
  return { raw: response, fetchedAt, parse: () => parseOpenAlexWork(response) };
}
