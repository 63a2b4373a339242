import type { SourceClientOptions } from '../http/client-options';
import type { JsonObject } from '../http/json-body';
import { isObject, objectArray, parseJsonObject } from '../http/json-body';
import { SourceHttp } from '../http/source-http';
import type { QueryParameters } from '../http/source-http';
import type { Page, PagingOptions } from '../paging/page';
import { iteratePages, iterateRecords } from '../paging/page';

/** Filters of `/works` used for harvesting; all given filters must match (OpenAlex joins them with AND). */
export interface OpenAlexWorkFilter {
  /** OpenAlex author id, e.g. `A5023888391`. */
  authorId?: string;
  /** Author ORCID iD, bare or as URL. */
  orcid?: string;
  /** DOI, bare or as URL. */
  doi?: string;
  /** Works updated on or after this date (`YYYY-MM-DD` or an ISO timestamp). */
  fromUpdatedDate?: string;
}

/** Settings of the OpenAlex client. */
export interface OpenAlexClientOptions extends SourceClientOptions {
  /** Premium API key, sent as `api_key` and redacted from logs and errors. */
  apiKey?: string;
}

/** OpenAlex's documented limit is 10 requests per second per client. */
const OPENALEX_RATE = { ratePerSecond: 10, burst: 10 };
const MAX_PAGE_SIZE = 200;

/** Client of the OpenAlex REST API (`https://api.openalex.org`). */
export class OpenAlexClient {
  readonly http: SourceHttp;

  constructor(private readonly options: OpenAlexClientOptions) {
    this.http = new SourceHttp('openalex', options, OPENALEX_RATE);
  }

  /** Iterates pages of `/works` matching the filter with cursor paging (`cursor=*` then `meta.next_cursor`). */
  workPages(filter: OpenAlexWorkFilter, paging: PagingOptions = {}): AsyncGenerator<Page> {
    const pageSize = Math.min(paging.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    const query = { filter: buildFilter(filter), 'per-page': pageSize };
    return iteratePages((token) => this.fetchWorkPage(query, token ?? '*'), paging);
  }

  /** Iterates the raw work objects matching the filter. */
  works(filter: OpenAlexWorkFilter, paging: PagingOptions = {}): AsyncGenerator<JsonObject> {
    return iterateRecords(this.workPages(filter, paging));
  }

  /** Fetches one work by OpenAlex id (`W…`) or `doi:…`; raises the HTTP-status error (404) when absent. */
  async work(id: string): Promise<JsonObject> {
    return this.fetchEntity(`works/${encodeURIComponent(id)}`);
  }

  /** Fetches one author by OpenAlex id (`A…`) or `orcid:…`. */
  async author(id: string): Promise<JsonObject> {
    return this.fetchEntity(`authors/${encodeURIComponent(id)}`);
  }

  private async fetchWorkPage(query: QueryParameters, cursor: string): Promise<Page> {
    const response = await this.http.getText(
      this.http.url('works', this.politeQuery({ ...query, cursor })),
      'application/json',
    );
    const document = parseJsonObject(this.http, response);
    const records = objectArray(this.http, response.url, document, 'results');
    const meta = isObject(document.meta) ? document.meta : undefined;
    if (!meta) throw this.http.invalidResponse(response.url, 'field "meta" is missing');

    const next = typeof meta.next_cursor === 'string' && meta.next_cursor ? meta.next_cursor : undefined;
    const total = typeof meta.count === 'number' ? meta.count : undefined;
    return { records, resumeToken: next, total, url: response.url };
  }

  private async fetchEntity(path: string): Promise<JsonObject> {
    const response = await this.http.getText(this.http.url(path, this.politeQuery({})), 'application/json');
    const document = parseJsonObject(this.http, response);
    if (typeof document.id !== 'string')
      throw this.http.invalidResponse(response.url, 'field "id" is missing');
    return document;
  }

  /** Adds `mailto` (OpenAlex's polite pool) and the API key. */
  private politeQuery(query: QueryParameters): QueryParameters {
    return { ...query, mailto: this.options.mailto, api_key: this.options.apiKey };
  }
}

/** Builds the `filter` parameter; OpenAlex separates filters with commas. */
function buildFilter(filter: OpenAlexWorkFilter): string {
  const parts = [
    filter.authorId && `author.id:${filter.authorId}`,
    filter.orcid && `authorships.author.orcid:${filter.orcid}`,
    filter.doi && `doi:${filter.doi}`,
    filter.fromUpdatedDate && `from_updated_date:${filter.fromUpdatedDate}`,
  ].filter((part): part is string => !!part);
  if (parts.length === 0) throw new RangeError('OpenAlex work filter needs at least one criterion');
  return parts.join(',');
}
