/** Content formats `readRecords` understands. */
export const SOURCE_FORMATS = [
  'jsonl',
  'json-array',
  'json-record',
  'openalex-list',
  'crossref-message',
  'crossref-data-file',
  'hal-search',
  'orcid-json',
  'hal-oai',
  'orcid-xml',
  'arxiv-atom',
] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** Returns whether a format is JSON or XML text, to compare with what a file name claims. */
export function formatFamily(format: SourceFormat): 'json' | 'xml' {
  return format === 'hal-oai' || format === 'orcid-xml' || format === 'arxiv-atom' ? 'xml' : 'json';
}

/** Returns the family a file name claims by its extension (after `.gz`), or undefined. */
export function familyFromName(fileName: string): 'json' | 'xml' | undefined {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  if (/\.(json|jsonl|ndjson)$/.test(name)) return 'json';
  if (/\.(xml|atom)$/.test(name)) return 'xml';
  return undefined;
}
