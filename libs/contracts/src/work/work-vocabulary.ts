import { literalUnion } from '../common/literal-union';

/** Work types, normalised across sources (OpenAlex, Crossref, HAL, ORCID and arXiv types map here). */
export const WORK_TYPES = [
  'journal-article',
  'proceedings-article',
  'book',
  'book-chapter',
  'edited-book',
  'preprint',
  'dataset',
  'software',
  'dissertation',
  'report',
  'review',
  'editorial',
  'erratum',
  'retraction',
  'letter',
  'conference-poster',
  'conference-presentation',
  'patent',
  'peer-review',
  'reference-entry',
  'standard',
  'other',
] as const;
export type WorkType = (typeof WORK_TYPES)[number];
export const WorkTypeSchema = literalUnion(WORK_TYPES);

/** Relations a source states between a work and another record. */
export const WORK_RELATION_TYPES = [
  'updates',
  'is-updated-by',
  'is-preprint-of',
  'has-preprint',
  'is-version-of',
  'has-version',
  'is-identical-to',
  'is-supplement-to',
  'is-part-of',
  'other',
] as const;
export type WorkRelationType = (typeof WORK_RELATION_TYPES)[number];
export const WorkRelationTypeSchema = literalUnion(WORK_RELATION_TYPES);

/** Kinds of update notice, as Crossref's `update-to` types them. */
export const UPDATE_KINDS = [
  'correction',
  'erratum',
  'retraction',
  'withdrawal',
  'expression-of-concern',
  'addendum',
  'new-version',
  'other',
] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];
export const UpdateKindSchema = literalUnion(UPDATE_KINDS);

/** Identifier schemes a relation may point at. */
export const RELATED_ID_TYPES = ['doi', 'arxiv', 'hal', 'openalex', 'pmid', 'url', 'other'] as const;
export type RelatedIdType = (typeof RELATED_ID_TYPES)[number];
export const RelatedIdTypeSchema = literalUnion(RELATED_ID_TYPES);

/** Vocabularies a topic or subject label comes from. */
export const TOPIC_SCHEMES = [
  'openalex-topic',
  'openalex-concept',
  'openalex-keyword',
  'mesh',
  'crossref-subject',
  'hal-domain',
  'arxiv-category',
  'other',
] as const;
export type TopicScheme = (typeof TOPIC_SCHEMES)[number];
export const TopicSchemeSchema = literalUnion(TOPIC_SCHEMES);
