import type { Source } from '@atlas/contracts';

import { parseArxivEntry } from '../arxiv/entry';
import { parseCrossrefWork } from '../crossref/work';
import { parseHalDocument } from '../hal/search-doc';
import type { ParseOutcome } from '../model/parse-outcome';
import { parseOpenAlexWork } from '../openalex/work';
import { children } from '../orcid/values';
import { parseOrcidWork } from '../orcid/work';
import { parseFailure, RejectionCode } from '../model/parse-outcome';
import type { SourceFormat } from './formats';
import { DEFAULT_MAX_RECORD_BYTES } from './read-records';
import type { ReadItem, RecordLocation } from './read-types';
import { toReadItem } from './to-read-item';

type Json = Record<string, unknown>;

/** A work record as a source API returned it, with where it came from. */
export interface ApiRecord {
  source: Source;
  raw: Json;
  /** Request URL (redacted) and position in the page, reported in rejections. */
  location: RecordLocation;
  /** ORCID iD whose works list the record came from, for ORCID works whose `path` omits it. */
  ownerOrcid?: string;
  /** Maximum size of the record in bytes (default 4 MiB). */
  maxRecordBytes?: number;
}

/** Format of each source's API work records, as the file readers name them. */
const API_FORMATS: Record<Source, SourceFormat> = {
  openalex: 'openalex-list',
  crossref: 'crossref-message',
  hal: 'hal-search',
  orcid: 'orcid-json',
  arxiv: 'arxiv-atom',
};

function parserOf(record: ApiRecord): () => ParseOutcome {
  const { raw } = record;
  switch (record.source) {
    case 'openalex':
      return () => parseOpenAlexWork(raw);
    case 'crossref':
      return () => parseCrossrefWork(raw);
    case 'hal':
      return () => parseHalDocument(raw);
    case 'orcid':
      return () => parseOrcidGroup(raw, record.ownerOrcid);
    case 'arxiv':
      return () => parseArxivEntry(raw);
  }
}

/**
 * Maps a group of an ORCID works list by its first work summary, as the file import does, so that a
 * group stored by an import and by a synchronisation has the same checksum. A single work is mapped as is.
 */
function parseOrcidGroup(raw: Json, ownerOrcid: string | undefined): ParseOutcome {
  if (!('work-summary' in raw)) return parseOrcidWork(raw, ownerOrcid);
  const summary = children(raw, 'work-summary')[0];
  if (!summary) return parseFailure(RejectionCode.missingField, 'ORCID works group has no work summary');
  return parseOrcidWork(summary, ownerOrcid);
}

/**
 * Maps one work record fetched from a source API, with the checks a file import applies: size, NUL
 * characters, mapping and schema. Returns the record with its checksum, or a rejection with the reason.
 */
export function readApiRecord(record: ApiRecord): ReadItem {
  return toReadItem(
    { kind: 'unit', unit: { raw: record.raw, parse: parserOf(record) }, location: record.location },
    API_FORMATS[record.source],
    record.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
  );
}
