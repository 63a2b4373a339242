/** Sources with an API client in this library. */
export const SOURCE_NAMES = ['openalex', 'crossref', 'hal', 'orcid', 'arxiv'] as const;

/** Name of one bibliographic source. */
export type SourceName = (typeof SOURCE_NAMES)[number];
