import { SourceClientError, SourceErrorCode } from '../errors';
import type { SourceClientOptions } from '../http/client-options';
import type { JsonObject } from '../http/json-body';
import { isObject } from '../http/json-body';
import { SourceHttp } from '../http/source-http';
import { parseXmlDocument } from '../http/xml-body';
import type { Page, PagingOptions } from '../paging/page';
import { iteratePages, iterateRecords } from '../paging/page';

/** An arXiv API query: a search (`search_query`, e.g. `au:del_maestro`), a list of ids, or both. */
export interface ArxivQuery {
  searchQuery?: string;
  idList?: string[];
  sortBy?: 'relevance' | 'lastUpdatedDate' | 'submittedDate';
  sortOrder?: 'ascending' | 'descending';
}

/** Settings of the arXiv client. */
export interface ArxivClientOptions extends SourceClientOptions {
  /** Pause between requests when no shared limiter is given (default 3000, as arXiv's API terms ask). */
  requestIntervalMs?: number;
}

const DEFAULT_INTERVAL_MS = 3000;
const DEFAULT_PAGE_SIZE = 100;

/** Client of the arXiv API (`https://export.arxiv.org/api/query`), which returns Atom feeds. */
export class ArxivClient {
  readonly http: SourceHttp;

  constructor(options: ArxivClientOptions) {
    const interval = options.requestIntervalMs ?? DEFAULT_INTERVAL_MS;
    this.http = new SourceHttp('arxiv', options, { ratePerSecond: 1000 / interval, burst: 1 });
  }

  /**
   * Iterates feed pages with `start`/`max_results`. Records are the feed's `<entry>` elements as
   * objects (namespace prefixes removed, attributes as `@_name`), the shape `parseArxivEntry` reads.
   * The resume token is the `start` offset of the next page.
   */
  entryPages(query: ArxivQuery, paging: PagingOptions = {}): AsyncGenerator<Page> {
    const pageSize = paging.pageSize ?? DEFAULT_PAGE_SIZE;
    return iteratePages((token) => this.fetchPage(query, pageSize, parseStart(token)), paging);
  }

  /** Iterates the raw entries of a query. */
  entries(query: ArxivQuery, paging: PagingOptions = {}): AsyncGenerator<JsonObject> {
    return iterateRecords(this.entryPages(query, paging));
  }

  private async fetchPage(query: ArxivQuery, pageSize: number, start: number): Promise<Page> {
    const url = this.http.url('', {
      search_query: query.searchQuery,
      id_list: query.idList?.join(','),
      sortBy: query.sortBy,
      sortOrder: query.sortOrder,
      start,
      max_results: pageSize,
    });
    const response = await this.http.getText(url, 'application/atom+xml');
    const feed = parseXmlDocument(this.http, response).feed;
    if (!isObject(feed)) throw this.http.invalidResponse(response.url, 'document is not an Atom feed');

    const records = toArray(feed.entry).filter(isObject);
    const total = Number(textOf(feed.totalResults));
    const knownTotal = Number.isFinite(total) ? total : undefined;
    const next = start + records.length;
    const isLast = records.length === 0 || knownTotal === undefined || next >= knownTotal;
    return { records, resumeToken: isLast ? undefined : String(next), total: knownTotal, url: response.url };
  }
}

function parseStart(token: string | undefined): number {
  if (token === undefined) return 0;
  if (!/^\d+$/.test(token))
    throw new SourceClientError(
      SourceErrorCode.invalidResumeToken,
      `arXiv resume token "${token}" is not an offset`,
      {
        source: 'arxiv',
      },
    );
  return Number(token);
}

function toArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return isObject(value) && typeof value['#text'] === 'string' ? value['#text'] : undefined;
}
