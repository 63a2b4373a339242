import type { SourceClientOptions } from '../http/client-options';
import type { JsonObject } from '../http/json-body';
import { isObject, objectArray, parseJsonObject } from '../http/json-body';
import { SourceHttp } from '../http/source-http';
import type { Page, PagingOptions } from '../paging/page';
import { iteratePages, iterateRecords } from '../paging/page';

/** A HAL search: a Solr query, filter queries, and the fields to return. */
export interface HalSearch {
  /** Main query (`q`), default `*:*`. */
  query?: string;
  /** Filter queries (`fq`), e.g. `authIdHal_s:jean-dupont` or `authORCIDIdExt_s:0000-…`. */
  filters?: string[];
  /** Documents modified on or after this ISO timestamp (adds `modifiedDate_tdate:[X TO *]`). */
  modifiedSince?: string;
  /** Fields to return (`fl`); HAL returns only a few identifiers when absent. */
  fields?: string[];
}

/** HAL publishes no rate limit; this keeps a harvest to a modest pace. */
const HAL_RATE = { ratePerSecond: 5, burst: 5 };
const DEFAULT_ROWS = 500;

/** Client of the HAL search API (base URL `https://api.archives-ouvertes.fr/search/`). */
export class HalClient {
  readonly http: SourceHttp;

  constructor(options: SourceClientOptions) {
    this.http = new SourceHttp('hal', options, HAL_RATE);
  }

  /** Iterates pages of search results with Solr cursor paging (`cursorMark`, sorted by `docid asc`). */
  searchPages(search: HalSearch, paging: PagingOptions = {}): AsyncGenerator<Page> {
    return iteratePages(
      (token) => this.fetchPage(search, paging.pageSize ?? DEFAULT_ROWS, token ?? '*'),
      paging,
    );
  }

  /** Iterates the raw HAL documents of a search. */
  search(search: HalSearch, paging: PagingOptions = {}): AsyncGenerator<JsonObject> {
    return iterateRecords(this.searchPages(search, paging));
  }

  private async fetchPage(search: HalSearch, rows: number, cursorMark: string): Promise<Page> {
    const url = this.http.url('', {
      q: search.query ?? '*:*',
      fq: [...(search.filters ?? []), ...modifiedFilter(search.modifiedSince)],
      fl: search.fields?.join(','),
      rows,
      sort: 'docid asc',
      cursorMark,
      wt: 'json',
    });
    const response = await this.http.getText(url, 'application/json');
    const document = parseJsonObject(this.http, response);
    if (!isObject(document.response))
      throw this.http.invalidResponse(response.url, 'field "response" is missing');

    const records = objectArray(this.http, response.url, document.response, 'docs');
    const next = typeof document.nextCursorMark === 'string' ? document.nextCursorMark : undefined;
    const total = typeof document.response.numFound === 'number' ? document.response.numFound : undefined;
    // Solr returns the cursor it was sent when there is nothing after it.
    const isLast = next === undefined || next === cursorMark;
    return { records, resumeToken: isLast ? undefined : next, total, url: response.url };
  }
}

function modifiedFilter(since: string | undefined): string[] {
  return since ? [`modifiedDate_tdate:[${since} TO *]`] : [];
}
