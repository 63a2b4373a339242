import type { Source } from '@atlas/contracts';

/** Fields left out of a record's checksum, at the top level or at any depth. */
export interface VolatileFields {
  topLevel: readonly string[];
  anyDepth: readonly string[];
}

/**
 * Fields that change while the work does not. Leaving them out of the checksum keeps a re-harvest of
 * an unchanged work from becoming a new version. Everything else (title, authors, identifiers,
 * references, OA status, abstract) is content and stays in.
 */
export const VOLATILE_FIELDS: Record<Source, VolatileFields> = {
  openalex: {
    topLevel: [
      // Citation metrics grow every day without the work changing.
      'cited_by_count',
      'counts_by_year',
      'fwci',
      'citation_normalized_percentile',
      'cited_by_percentile_year',
      // Author objects: counts and shares recomputed from the works.
      'summary_stats',
      'works_count',
      'x_concepts',
      'topic_share',
      // Bookkeeping dates of the OpenAlex index, not of the work.
      'updated_date',
      'created_date',
      // Recomputed recommendations and the score of the query that returned the record.
      'related_works',
      'relevance_score',
    ],
    anyDepth: [],
  },
  crossref: {
    topLevel: [
      // Set each time Crossref re-indexes the record.
      'indexed',
      // Citation count, and the query relevance of a search result.
      'is-referenced-by-count',
      'score',
      // Deposit time changes on a re-deposit; a re-deposit that changes content changes other fields.
      'deposited',
      // Derived from `reference`, which stays in the checksum.
      'reference-count',
      'references-count',
    ],
    anyDepth: [],
  },
  hal: {
    // Solr's document version and indexing time change on every re-index; `score` is query relevance.
    topLevel: ['_version_', 'dateLastIndexed_tdate', 'score'],
    anyDepth: [],
  },
  orcid: {
    topLevel: [],
    // Touched by ORCID whenever any section of the record is saved, at every level of the document.
    anyDepth: ['last-modified-date'],
  },
  // An arXiv entry's `updated` marks a new version of the paper, which is a content change: nothing is
  // left out.
  arxiv: { topLevel: [], anyDepth: [] },
};
