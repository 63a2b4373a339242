import Type from 'typebox';

import type { Static } from 'typebox';

import {
  ArxivDoiSchema,
  ArxivIdSchema,
  DoiSchema,
  HalIdSchema,
  IsbnSchema,
  IssnSchema,
  OpenAlexWorkIdSchema,
  PmcidSchema,
  PmidSchema,
} from '../common/identifiers';
import { LanguageCodeSchema, PartialDateSchema, UrlSchema, YearSchema } from '../common/primitives';
import { SourceIdSchema, SourceSchema } from '../common/sources';
import { WorkAuthorSchema } from './work-author.schema';
import {
  RelatedIdTypeSchema,
  TopicSchemeSchema,
  UpdateKindSchema,
  WorkRelationTypeSchema,
  WorkTypeSchema,
} from './work-vocabulary';

/**
 * Upper bound of the author list. The largest real work seen has 2,134 authors and weighs about
 * 1.8 MB as JSON, above NATS's default 1 MB message cap, so a message carrying a whole work must be
 * sent by reference or in chunks. Some collaboration papers list over 5,000 authors.
 */
export const MAX_WORK_AUTHORS = 10_000;

/** Identifiers of a work, each in the normal form of its schema. */
export const WorkIdentifiersSchema = Type.Object({
  /** DOI of the work itself. */
  doi: Type.Optional(DoiSchema),
  /** OpenAlex work id. */
  openalex: Type.Optional(OpenAlexWorkIdSchema),
  /** arXiv id without version. */
  arxiv: Type.Optional(ArxivIdSchema),
  /** DataCite DOI of the arXiv record, derived from the arXiv id. */
  arxivDoi: Type.Optional(ArxivDoiSchema),
  /** HAL id without version. */
  hal: Type.Optional(HalIdSchema),
  /** PubMed id. */
  pmid: Type.Optional(PmidSchema),
  /** PubMed Central id. */
  pmcid: Type.Optional(PmcidSchema),
  /** ISBNs of a book or of the book a chapter belongs to. */
  isbns: Type.Optional(Type.Array(IsbnSchema, { maxItems: 20 })),
  /** Identifiers of other schemes (MAG, WoS, Scopus EID, handle, URN...). */
  other: Type.Optional(
    Type.Array(
      Type.Object({
        scheme: Type.String({ minLength: 1, maxLength: 64 }),
        value: Type.String({ minLength: 1, maxLength: 512 }),
      }),
      { maxItems: 50 },
    ),
  ),
});
export type WorkIdentifiers = Static<typeof WorkIdentifiersSchema>;

/** Journal, proceedings, book series or repository where the work appeared. */
export const VenueSchema = Type.Object({
  /** Venue name. */
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  /** Print and electronic ISSNs. */
  issns: Type.Array(IssnSchema, { maxItems: 10 }),
  /** Linking ISSN. */
  issnL: Type.Optional(IssnSchema),
  /** Publisher name. */
  publisher: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  /** Volume. */
  volume: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  /** Issue. */
  issue: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  /** First page or article number. */
  firstPage: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  /** Last page. */
  lastPage: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});
export type Venue = Static<typeof VenueSchema>;

/** Topic, subject or keyword label attached to a work. */
export const TopicSchema = Type.Object({
  /** Label text. */
  label: Type.String({ minLength: 1, maxLength: 512 }),
  /** Vocabulary of the label. */
  scheme: TopicSchemeSchema,
  /** Id of the label inside its vocabulary. */
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  /** Relevance score the source gives, 0..1. */
  score: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
});
export type Topic = Static<typeof TopicSchema>;

/** Relation the source states between this work and another record (update notice, version...). */
export const WorkRelationSchema = Type.Object({
  /** Direction and meaning of the relation. */
  type: WorkRelationTypeSchema,
  /** Kind of update notice, for `updates` and `is-updated-by`. */
  updateKind: Type.Optional(UpdateKindSchema),
  /** Scheme of the related id. */
  idType: RelatedIdTypeSchema,
  /** Related id, normalised as its scheme requires. */
  id: Type.String({ minLength: 1, maxLength: 2048 }),
  /** Date of the relation (update date, version date). */
  date: Type.Optional(PartialDateSchema),
});
export type WorkRelation = Static<typeof WorkRelationSchema>;

/** Version of a record inside its source (arXiv `v2`, HAL `v3`). */
export const WorkVersionSchema = Type.Object({
  /** Version label as the source writes it. */
  label: Type.String({ pattern: '^v[0-9]{1,4}$' }),
  /** Date of the version. */
  date: Type.Optional(PartialDateSchema),
});
export type WorkVersion = Static<typeof WorkVersionSchema>;

/**
 * A source record parsed into the one shape every service reads. Size: `authors` may hold thousands
 * of entries (the largest real work has 2,134 authors, about 1.8 MB), so never assume a work fits
 * in one NATS message.
 */
export const WorkSchema = Type.Object({
  /** Source of the record. */
  source: SourceSchema,
  /** Record id inside the source. */
  sourceId: SourceIdSchema,
  /** Kind of source record (the raw record's `entity_type`). */
  entityType: Type.Literal('work'),
  /** Identifiers in normal form. */
  identifiers: WorkIdentifiersSchema,
  /** Title. */
  title: Type.String({ minLength: 1, maxLength: 4000 }),
  /** Subtitle. */
  subtitle: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  /** Abstract as plain text (OpenAlex's inverted index rebuilt into text). */
  abstract: Type.Optional(Type.String({ minLength: 1, maxLength: 100_000 })),
  /** Type normalised across sources. */
  type: WorkTypeSchema,
  /** Type exactly as the source names it (`article`, `journal-article`, `ART`). */
  sourceType: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  /** Publication date, as precise as the source gives it. */
  publicationDate: Type.Optional(PartialDateSchema),
  /** Publication year. */
  publicationYear: Type.Optional(YearSchema),
  /** Venue. */
  venue: Type.Optional(VenueSchema),
  /** Main language of the text. */
  language: Type.Optional(LanguageCodeSchema),
  /** Topics and subjects from controlled vocabularies. */
  topics: Type.Array(TopicSchema, { maxItems: 200 }),
  /** Free keywords from the authors or the source. */
  keywords: Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { maxItems: 200 }),
  /** Retraction flag; false when the source gives no flag. */
  isRetracted: Type.Boolean(),
  /** Withdrawal flag (arXiv withdrawn, HAL deleted); false when the source gives no flag. */
  isWithdrawn: Type.Boolean(),
  /** Relations to other records stated by the source. */
  relations: Type.Array(WorkRelationSchema, { maxItems: 200 }),
  /** Versions of the record inside its source, oldest first. */
  versions: Type.Array(WorkVersionSchema, { maxItems: 200 }),
  /** Landing page of the work. */
  url: Type.Optional(UrlSchema),
  /**
   * Identifiers the source gave that failed validation (a DOI of the wrong shape, an unreadable arXiv
   * id). They are not in `identifiers`, so nothing matches on them, but the text stays visible.
   */
  invalidIdentifiers: Type.Optional(
    Type.Array(
      Type.Object({
        /** Scheme the source named (`doi`, `arxiv`). */
        scheme: Type.String({ minLength: 1, maxLength: 64 }),
        /** Text exactly as the source gave it. */
        raw: Type.String({ minLength: 1, maxLength: 512 }),
        /** Reason the text is not a valid identifier. */
        reason: Type.String({ minLength: 1, maxLength: 256 }),
      }),
      { maxItems: 50 },
    ),
  ),
  /** Authors in source order, positions numbered from 1 (see `checkAuthorPositions`). */
  authors: Type.Array(WorkAuthorSchema, { maxItems: MAX_WORK_AUTHORS }),
  /** Flag set when the source cut the author list short (OpenAlex lists at most 100 in search pages). */
  authorsTruncated: Type.Boolean(),
});
export type Work = Static<typeof WorkSchema>;
