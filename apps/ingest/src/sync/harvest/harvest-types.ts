import type { Source } from '@atlas/contracts';

type Json = Record<string, unknown>;

/** A record a source listed for a profile. */
export interface ListedRecord {
  raw: Json;
  /** ORCID iD of the works list the record came from (ORCID only). */
  ownerOrcid?: string;
  /** False for a record listed but unchanged since the last sync: it is only marked as seen. */
  changed: boolean;
}

/** One page of a harvest query. */
export interface HarvestPage {
  records: ListedRecord[];
  /** Token of the next page of the same query; undefined after the last page. */
  resumeToken: string | undefined;
  /** Request URL, redacted. */
  url: string;
}

/** One search of a source for a profile, e.g. OpenAlex works by author id. */
export interface HarvestQuery {
  /** Stable description of the query, stored with the resume token so that a changed query restarts. */
  key: string;
  /** Iterates the pages from `resumeToken`, or from the first page. */
  pages(resumeToken: string | undefined): AsyncGenerator<HarvestPage>;
}

/** Everything a sync asks one source for one profile. */
export interface SourceHarvest {
  source: Source;
  queries: HarvestQuery[];
  /**
   * ORCID iDs whose works lists are complete in every run. A record of such a list that a later
   * complete list lacks was removed from the source. Other sources only report changes.
   * NOTE: so a work deleted from OpenAlex, Crossref, HAL or arXiv is not recorded as removed by a sync.
   */
  completeListsOf: string[];
}
