export * from './identifiers';
export { contentChecksum, canonicalJson } from './checksum/content-checksum';
export { VOLATILE_FIELDS } from './checksum/volatile-fields';
export type { VolatileFields } from './checksum/volatile-fields';
export * from './model/source-author-profile.schema';
export { RejectionCode } from './model/parse-outcome';
export type {
  FieldWarning,
  ParseOutcome,
  ParsedWork,
  ParsedProfile,
  ParseFailure,
} from './model/parse-outcome';
export { rebuildAbstract } from './openalex/abstract';
export { parseOpenAlexWork } from './openalex/work';
export { parseOpenAlexAuthor } from './openalex/author';
export { parseCrossrefWork } from './crossref/work';
export { parseHalDocument } from './hal/search-doc';
export { parseHalOaiRecord } from './hal/oai-record';
export { parseOrcidWork } from './orcid/work';
export { parseOrcidPerson } from './orcid/person';
export { parseArxivEntry } from './arxiv/entry';
export { readRecords, DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_DOCUMENT_BYTES } from './reading/read-records';
export { SOURCE_FORMATS } from './reading/formats';
export type { SourceFormat } from './reading/formats';
export type { ReadItem, RecordItem, RejectedItem, RecordLocation, ReadOptions } from './reading/read-types';
export { readApiRecord } from './reading/api-record';
export type { ApiRecord } from './reading/api-record';
