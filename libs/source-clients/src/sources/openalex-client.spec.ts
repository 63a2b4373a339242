import { OpenAlexClient } from './openalex-client';
import { SourceErrorCode } from '../errors';
import type { Page } from '../paging/page';
import { createCaptureLogger, jsonResponse, realJson, ReplayServer, splitRecords } from '../testing';

type ListPage = { meta: Record<string, unknown>; results: Record<string, unknown>[] };

const PAGE_FILE = 'openalex/api_responses/openalexpro_works_page_cursor_50results.json.gz';
const AUTHOR_ID = 'A5023888391';
const MAILTO = 'curation@example.org';

describe('OpenAlexClient', () => {
  let server: ReplayServer;
  const realPage = realJson<ListPage>(PAGE_FILE);

  beforeAll(async () => {
    server = await ReplayServer.start();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  const client = (extra: Partial<ConstructorParameters<typeof OpenAlexClient>[0]> = {}) =>
    new OpenAlexClient({ baseUrl: server.url(), mailto: MAILTO, retry: { baseDelayMs: 10 }, ...extra });

  /**
   * Routes three pages (20, 20, 10 works) built from the only real list page, which has 50 works.
   * The first page keeps the real `next_cursor`, and the last has none.
   */
  function routeThreePages(): void {
    const [first, second, third] = splitRecords(realPage.results, [20, 20, 10]);
    const cursors = ['*', String(realPage.meta.next_cursor), 'cursor-page-3'];
    const pages = [first, second, third].map((results, index) => ({
      meta: { ...realPage.meta, next_cursor: cursors[index + 1] ?? null },
      results,
    }));
    pages.forEach((page, index) =>
      server.route({ path: '/works', query: { cursor: cursors[index] ?? '' }, response: jsonResponse(page) }),
    );
  }

  it('uses the loopback replay server', () => {
    expect(client().http.baseUrl.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('pages works by author to the end', async () => {
    routeThreePages();
    const works = [];
    for await (const work of client().works(
      { authorId: AUTHOR_ID, fromUpdatedDate: '2024-01-01' },
      { pageSize: 20 },
    ))
      works.push(work);

    expect(works).toHaveLength(realPage.results.length);
    expect(works.map((work) => work.id)).toEqual(realPage.results.map((work) => work.id));
    const sent = server.requestsTo('/works');
    expect(sent.map((request) => request.query.get('cursor'))).toEqual([
      '*',
      realPage.meta.next_cursor,
      'cursor-page-3',
    ]);
    for (const request of sent) {
      expect(request.query.get('mailto')).toBe(MAILTO);
      expect(request.query.get('per-page')).toBe('20');
      expect(request.query.get('filter')).toBe(`author.id:${AUTHOR_ID},from_updated_date:2024-01-01`);
      expect(request.headers['user-agent']).toContain(`mailto:${MAILTO}`);
    }
  });

  it('resumes from a persisted cursor', async () => {
    routeThreePages();
    const pages: Page[] = [];
    for await (const page of client().workPages({ orcid: '0000-0003-1613-5981' })) {
      pages.push(page);
      break; // the process stops after storing the first page
    }
    const persisted = pages[0]?.resumeToken;
    expect(persisted).toBe(realPage.meta.next_cursor);

    const rest = [];
    for await (const work of client().works({ orcid: '0000-0003-1613-5981' }, { resumeToken: persisted }))
      rest.push(work);
    expect(rest.map((work) => work.id)).toEqual(realPage.results.slice(20).map((work) => work.id));
    expect(server.requestsTo('/works').map((request) => request.query.get('cursor'))).toEqual([
      '*',
      persisted,
      'cursor-page-3',
    ]);
  });

  it('honours Retry-After during a 429 storm', async () => {
    const { logger, lines } = createCaptureLogger();
    server.route({
      path: '/works',
      response: jsonResponse({ ...realPage, meta: { ...realPage.meta, next_cursor: null } }),
      faults: [
        { kind: 'status', status: 429, retryAfter: '1' },
        { kind: 'status', status: 429, retryAfter: new Date(Date.now() + 1000).toUTCString() },
      ],
    });
    const started = Date.now();
    const works = [];
    for await (const work of client({ logger }).works({ doi: '10.7717/peerj.4375' })) works.push(work);

    expect(works).toHaveLength(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(server.requestsTo('/works').map((request) => request.outcome)).toEqual([
      'status',
      'status',
      'recorded',
    ]);
    const retries = lines.filter((line) => line.status === 429);
    expect(retries.map((line) => line.attempt)).toEqual([1, 2]);
    expect(retries[0]?.delayMs).toBe(1000);
  });

  it('fetches a single work and an author', async () => {
    const work = realJson('openalex/api_responses/bvitamins_work_W2741809807.json.gz');
    const author = realJson('openalex/api_responses/bvitamins_author_A5023888391.json.gz');
    server.route({ path: '/works/W2741809807', response: jsonResponse(work) });
    server.route({ path: `/authors/${AUTHOR_ID}`, response: jsonResponse(author) });

    await expect(client().work('W2741809807')).resolves.toEqual(work);
    await expect(client().author(AUTHOR_ID)).resolves.toEqual(author);
    expect(server.requests.every((request) => request.query.get('mailto') === MAILTO)).toBe(true);
  });

  it('redacts the API key in errors', async () => {
    const failure = client({ apiKey: 'secret-key' }).work('W404');
    await expect(failure).rejects.toMatchObject({ code: SourceErrorCode.httpStatus, status: 404 });
    const error = (await failure.catch((caught: unknown) => caught)) as Error & { url: string };
    expect(error.url).toContain('api_key=REDACTED');
    expect(error.message).not.toContain('secret-key');
    expect(server.requests[0]?.query.get('api_key')).toBe('secret-key');
  });
});
