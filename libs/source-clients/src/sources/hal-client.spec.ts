import { HalClient } from './hal-client';
import { SourceClientError } from '../errors';
import { jsonResponse, realBody, realJson, ReplayServer, splitRecords } from '../testing';

type SearchResponse = { response: { numFound: number; docs: Record<string, unknown>[] } };

const SEARCH_FILE = 'hal/pyhal_search_authIdHal_olivier-devauchelle_ART.json.gz';
const ID_HAL = 'authIdHal_s:olivier-devauchelle';

describe('HalClient', () => {
  let server: ReplayServer;
  const realSearch = realJson<SearchResponse>(SEARCH_FILE);

  beforeAll(async () => {
    server = await ReplayServer.start();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  const client = (maxAttempts = 3) =>
    new HalClient({ baseUrl: server.url('/search/'), retry: { baseDelayMs: 10, maxAttempts } });

  /** Routes three pages (15, 15, 6 docs) built from the real search, which returned all 36 docs at once. */
  function routePages(): void {
    const pages = splitRecords(realSearch.response.docs, [15, 15, 6]);
    const marks = ['*', 'AoEpMTA1', 'AoEpMjA5', 'AoEpMjA5'];
    pages.forEach((docs, index) => {
      const body = { response: { ...realSearch.response, docs }, nextCursorMark: marks[index + 1] };
      server.route({
        path: '/search/',
        query: { cursorMark: marks[index] ?? '' },
        response: jsonResponse(body),
      });
    });
  }

  it('uses the loopback replay server', () => {
    expect(client().http.baseUrl.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('pages a search with cursorMark to the end', async () => {
    routePages();
    const docs = [];
    const search = {
      filters: [ID_HAL],
      modifiedSince: '2024-01-01T00:00:00Z',
      fields: ['halId_s', 'doiId_s'],
    };
    for await (const doc of client().search(search, { pageSize: 15 })) docs.push(doc);

    expect(docs).toHaveLength(realSearch.response.numFound);
    const sent = server.requestsTo('/search/');
    expect(sent.map((request) => request.query.get('cursorMark'))).toEqual(['*', 'AoEpMTA1', 'AoEpMjA5']);
    expect(sent[0]?.query.getAll('fq')).toEqual([ID_HAL, 'modifiedDate_tdate:[2024-01-01T00:00:00Z TO *]']);
    expect(sent[0]?.query.get('sort')).toBe('docid asc');
    expect(sent[0]?.query.get('fl')).toBe('halId_s,doiId_s');
    expect(sent[0]?.query.get('wt')).toBe('json');
  });

  it('reads a real response served whole', async () => {
    const body = realBody('hal/makutu-site_hal_search_structId_789docs.json.gz');
    server.route({ path: '/search/', response: { body } });
    const docs = [];
    for await (const doc of client().search({ query: 'structId_i:1050003' }, { pageSize: 1500 }))
      docs.push(doc);
    expect(docs).toHaveLength(789);
  });

  it('rejects a garbage body naming the URL', async () => {
    server.route({
      path: '/search/',
      response: { body: '' },
      faults: [{ kind: 'garbage', body: '<html><body>Service unavailable</body></html>' }],
    });
    const failure = client()
      .search({ filters: [ID_HAL] })
      .next();
    await expect(failure).rejects.toBeInstanceOf(SourceClientError);
    await expect(failure).rejects.toMatchObject({
      code: 'SOURCE_ERR_INVALID_RESPONSE',
      url: expect.stringContaining(`${server.url('/search/')}?q=`),
      message: expect.stringContaining('body is not JSON'),
    });
  });

  it('retries a truncated body then fails after max attempts', async () => {
    const body = JSON.stringify(realSearch);
    server.route({
      path: '/search/',
      response: { body },
      faults: [
        { kind: 'truncate', bytes: 200 },
        { kind: 'truncate', bytes: 200 },
      ],
    });
    await expect(
      client(2)
        .search({ filters: [ID_HAL] })
        .next(),
    ).rejects.toMatchObject({
      code: 'SOURCE_ERR_NETWORK',
      attempts: 2,
    });
    expect(server.requests).toHaveLength(2);
  });
});
