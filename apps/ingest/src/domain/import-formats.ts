import type { ImportFormat } from '@atlas/contracts';
import type { SourceFormat } from '@atlas/source-parsers';

// OpenAlex JSON comes as list pages, single works and single authors, which detection tells apart,
// so `openalex-json` reads with detection rather than forcing one of those shapes.
const PARSER_FORMATS: Record<ImportFormat, SourceFormat | undefined> = {
  auto: undefined,
  'openalex-json': undefined,
  'openalex-jsonl': 'jsonl',
  'crossref-json': 'crossref-message',
  'crossref-data-file': 'crossref-data-file',
  'hal-json': 'hal-search',
  'hal-oai-xml': 'hal-oai',
  'orcid-json': 'orcid-json',
  'orcid-xml': 'orcid-xml',
  'arxiv-atom': 'arxiv-atom',
};

/** Returns the parser format of a requested import format; undefined means detect it from each file. */
export function parserFormat(format: ImportFormat | undefined): SourceFormat | undefined {
  return format ? PARSER_FORMATS[format] : undefined;
}

/** Returns the import format under which a run's parser format is published; `auto` for detection. */
export function importFormat(format: string): ImportFormat {
  const entry = Object.entries(PARSER_FORMATS).find(([name, parser]) => parser === format && name !== 'auto');
  return (entry?.[0] as ImportFormat | undefined) ?? 'auto';
}
