import { parseArxivEntry } from '@atlas/source-parsers';

import { ArxivClient } from './arxiv-client';
import { realBody, ReplayServer, xmlResponse } from '../testing';

const FEEDS = 'arxiv/arxiv.py_api_responses';
const PAGE_STARTS = [0, 10, 20, 30, 40, 50];
const INTERVAL_MS = 100;

/** Recorded pages of `search_query=testing`, 10 entries each (214 881 results in total). */
function testingPage(start: number): string {
  return realBody(
    `${FEEDS}/search_query=testing_id_list=_sortBy=relevance_sortOrder=descending_start=${start}_max_results=10.atom.xml.gz`,
  );
}

describe('ArxivClient', () => {
  let server: ReplayServer;

  beforeAll(async () => {
    server = await ReplayServer.start();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  const client = () =>
    new ArxivClient({
      baseUrl: server.url('/api/query'),
      requestIntervalMs: INTERVAL_MS,
      retry: { baseDelayMs: 10 },
    });

  function routeTestingPages(): void {
    for (const start of PAGE_STARTS) {
      server.route({
        path: '/api/query',
        query: { search_query: 'testing', start: String(start), max_results: '10' },
        response: xmlResponse(testingPage(start)),
      });
    }
  }

  it('uses the loopback replay server', () => {
    expect(client().http.baseUrl.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('pages a search with start and max_results, pausing between calls', async () => {
    routeTestingPages();
    const entries = [];
    const query = { searchQuery: 'testing', sortBy: 'relevance', sortOrder: 'descending' } as const;
    for await (const entry of client().entries(query, { pageSize: 10, maxRecords: 60 })) entries.push(entry);

    expect(entries).toHaveLength(60);
    expect(entries.every((entry) => parseArxivEntry(entry).ok)).toBe(true);
    const sent = server.requestsTo('/api/query');
    expect(sent.map((request) => request.query.get('start'))).toEqual(PAGE_STARTS.map(String));
    expect(sent.every((request) => request.outcome === 'recorded')).toBe(true);
    // Arrival times on the server also carry each request's own connection and scheduling delay,
    // which a loaded machine stretches by tens of milliseconds, so one gap alone says little. Counted
    // from the first arrival, request i still comes at least i - 1 intervals later; without pauses
    // all of them would arrive within a few milliseconds.
    const arrivals = sent.map((request) => request.receivedAt);
    const first = arrivals[0] ?? 0;
    arrivals.forEach((at, index) => {
      expect(at - first).toBeGreaterThanOrEqual(Math.max(0, index - 1) * INTERVAL_MS);
    });
    expect(arrivals.at(-1)! - first).toBeGreaterThanOrEqual((sent.length - 1) * INTERVAL_MS * 0.75);
  });

  it('resumes from a persisted offset', async () => {
    routeTestingPages();
    const pages = [];
    for await (const page of client().entryPages(
      { searchQuery: 'testing' },
      { pageSize: 10, resumeToken: '30', maxRecords: 30 },
    ))
      pages.push(page);

    expect(pages.map((page) => page.url)).toHaveLength(3);
    expect(pages[0]?.total).toBe(214881);
    expect(pages[2]?.resumeToken).toBe('60');
    expect(server.requests.map((request) => request.query.get('start'))).toEqual(['30', '40', '50']);
  });

  it('looks up ids and ends at the last result', async () => {
    // arXiv returns one entry for this look-up (1707.08567) and `totalResults` 1.
    const feed = realBody(
      `${FEEDS}/search_query=_id_list=0808.05394_2C1707.08567_sortBy=relevance_sortOrder=descending_start=0_max_resu.atom.xml.gz`,
    );
    server.route({
      path: '/api/query',
      query: { id_list: '0808.05394,1707.08567' },
      response: xmlResponse(feed),
    });
    const entries = [];
    for await (const entry of client().entries({ idList: ['0808.05394', '1707.08567'] })) entries.push(entry);

    expect(entries).toHaveLength(feed.split('<entry>').length - 1);
    expect(entries[0]?.id).toBe('http://arxiv.org/abs/1707.08567v1');
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a feed that is not XML', async () => {
    server.route({ path: '/api/query', response: xmlResponse('<feed><entry>') });
    await expect(client().entries({ searchQuery: 'au:del_maestro' }).next()).rejects.toMatchObject({
      code: 'SOURCE_ERR_INVALID_RESPONSE',
      url: expect.stringContaining('search_query=au%3Adel_maestro'),
    });
  });

  it('rejects a resume token that is not an offset', async () => {
    await expect(
      client().entries({ searchQuery: 'testing' }, { resumeToken: 'abc' }).next(),
    ).rejects.toMatchObject({
      code: 'SOURCE_ERR_INVALID_RESUME_TOKEN',
    });
  });
});
