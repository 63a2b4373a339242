/** One page of raw records as the source returned them. */
export interface Page<R = Record<string, unknown>> {
  /** Records of this page, unparsed. */
  records: R[];
  /**
   * Token that fetches the next page when passed back as `resumeToken` with the same query;
   * undefined on the last page. Persist it after the page's records are stored to resume later.
   */
  resumeToken: string | undefined;
  /** Total number of records matching the query, when the source reports it. */
  total: number | undefined;
  /** URL of the request that returned this page (redacted). */
  url: string;
}

/** Paging settings common to the list methods. */
export interface PagingOptions {
  /** Token of the page to start at, from a previous `Page.resumeToken`; the first page when absent. */
  resumeToken?: string;
  /** Records per page (each source caps it: OpenAlex 200, Crossref 1000, HAL 10 000, arXiv 2000). */
  pageSize?: number;
  /** Stops after the page that reaches this many records. */
  maxRecords?: number;
}

/** Fetches the page at a token; `undefined` means the first page. */
export type PageFetcher<R> = (token: string | undefined) => Promise<Page<R>>;

/** Iterates pages from `options.resumeToken` until the source has no next page or `maxRecords` is reached. */
export async function* iteratePages<R>(
  fetchPage: PageFetcher<R>,
  options: PagingOptions,
): AsyncGenerator<Page<R>> {
  let token = options.resumeToken;
  let seen = 0;
  for (;;) {
    const page = await fetchPage(token);
    seen += page.records.length;
    yield page;
    if (page.resumeToken === undefined || page.records.length === 0) return;
    if (options.maxRecords !== undefined && seen >= options.maxRecords) return;
    token = page.resumeToken;
  }
}

/** Flattens pages into their records. */
export async function* iterateRecords<R>(pages: AsyncIterable<Page<R>>): AsyncGenerator<R> {
  for await (const page of pages) yield* page.records;
}
