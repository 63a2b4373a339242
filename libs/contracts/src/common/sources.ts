import Type from 'typebox';

import { literalUnion } from './literal-union';

/** Bibliographic sources the system harvests. */
export const SOURCES = ['openalex', 'crossref', 'hal', 'orcid', 'arxiv'] as const;
export type Source = (typeof SOURCES)[number];
export const SourceSchema = literalUnion(SOURCES);

/** Kinds of source record stored as raw records; only `work` records become unified works. */
export const RECORD_ENTITY_TYPES = ['work', 'author', 'person'] as const;
export type RecordEntityType = (typeof RECORD_ENTITY_TYPES)[number];
export const RecordEntityTypeSchema = literalUnion(RECORD_ENTITY_TYPES);

/**
 * Record id inside its source: an OpenAlex `W…` id, a Crossref DOI, a HAL id, an arXiv id, or an
 * ORCID iD plus put-code (`0000-0002-1825-0097/work/123456`).
 */
export const SourceIdSchema = Type.String({ minLength: 1, maxLength: 512, pattern: '^\\S+$' });
