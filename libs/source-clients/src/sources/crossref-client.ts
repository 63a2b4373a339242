import type { SourceClientOptions } from '../http/client-options';
import type { JsonObject } from '../http/json-body';
import { isObject, objectArray, parseJsonObject } from '../http/json-body';
import { SourceHttp } from '../http/source-http';
import type { QueryParameters, TextResponse } from '../http/source-http';
import type { Page, PagingOptions } from '../paging/page';
import { iteratePages, iterateRecords } from '../paging/page';

/** Filters of `/works` used for harvesting (Crossref joins them with AND). */
export interface CrossrefWorkFilter {
  /** Author ORCID iD, bare (`0000-0002-1825-0097`). */
  orcid?: string;
  /** DOI, bare. */
  doi?: string;
  /** Works whose metadata was updated on or after this date (`YYYY-MM-DD`). */
  fromUpdateDate?: string;
  /** Works whose metadata was updated on or before this date (`YYYY-MM-DD`). */
  untilUpdateDate?: string;
}

/**
 * Conservative default rate. Crossref sets limits per pool (public, polite with a contact address,
 * Metadata Plus) and advertises them in the `x-rate-limit-limit` and `x-rate-limit-interval` headers.
 * NOTE: the client does not read those headers, so a faster pool needs an explicit `rateLimiter`.
 */
const CROSSREF_RATE = { ratePerSecond: 5, burst: 5 };
const MAX_ROWS = 1000;

/** Client of the Crossref REST API (`https://api.crossref.org`). */
export class CrossrefClient {
  readonly http: SourceHttp;

  constructor(private readonly options: SourceClientOptions) {
    this.http = new SourceHttp('crossref', options, CROSSREF_RATE);
  }

  /** Iterates pages of `/works` with deep paging (`cursor=*` then `message.next-cursor`). */
  workPages(filter: CrossrefWorkFilter, paging: PagingOptions = {}): AsyncGenerator<Page> {
    const rows = Math.min(paging.pageSize ?? MAX_ROWS, MAX_ROWS);
    const query = { filter: buildFilter(filter), rows };
    return iteratePages((token) => this.fetchWorkPage(query, rows, token ?? '*'), paging);
  }

  /** Iterates the raw work items matching the filter. */
  works(filter: CrossrefWorkFilter, paging: PagingOptions = {}): AsyncGenerator<JsonObject> {
    return iterateRecords(this.workPages(filter, paging));
  }

  /** Fetches one work (`/works/{doi}`) and returns its `message`. */
  async work(doi: string): Promise<JsonObject> {
    const response = await this.get(`works/${encodeURIComponent(doi)}`, {});
    const message = this.message(response, 'work');
    if (typeof message.DOI !== 'string') throw this.http.invalidResponse(response.url, 'work has no "DOI"');
    return message;
  }

  private async fetchWorkPage(query: QueryParameters, rows: number, cursor: string): Promise<Page> {
    const response = await this.get('works', { ...query, cursor });
    const message = this.message(response, 'work-list');
    const records = objectArray(this.http, response.url, message, 'items');
    const next = typeof message['next-cursor'] === 'string' ? message['next-cursor'] : undefined;
    const total = typeof message['total-results'] === 'number' ? message['total-results'] : undefined;

    // Crossref keeps returning a cursor after the last item, so a short page marks the end.
    const isLast = records.length < rows || next === undefined;
    return { records, resumeToken: isLast ? undefined : next, total, url: response.url };
  }

  private get(path: string, query: QueryParameters): Promise<TextResponse> {
    const url = this.http.url(path, { ...query, mailto: this.options.mailto });
    return this.http.getText(url, 'application/json');
  }

  /** Checks the envelope (`status: ok`, `message-type`) and returns `message`. */
  private message(response: TextResponse, messageType: string): JsonObject {
    const document = parseJsonObject(this.http, response);
    if (document.status !== 'ok' || document['message-type'] !== messageType || !isObject(document.message))
      throw this.http.invalidResponse(
        response.url,
        `expected an "ok" response of message-type "${messageType}"`,
      );
    return document.message;
  }
}

function buildFilter(filter: CrossrefWorkFilter): string {
  const parts = [
    filter.orcid && `orcid:${filter.orcid}`,
    filter.doi && `doi:${filter.doi}`,
    filter.fromUpdateDate && `from-update-date:${filter.fromUpdateDate}`,
    filter.untilUpdateDate && `until-update-date:${filter.untilUpdateDate}`,
  ].filter((part): part is string => !!part);
  if (parts.length === 0) throw new RangeError('Crossref work filter needs at least one criterion');
  return parts.join(',');
}
