import { CrossrefClient } from './crossref-client';
import { jsonResponse, realJson, ReplayServer, splitRecords } from '../testing';

type WorkList = { status: string; 'message-type': string; message: { items: Record<string, unknown>[] } };

const LIST_FILE = 'crossref/api_responses/work-list_rcrossref_0.json.gz';
const ORCID = '0000-0002-1825-0097';

describe('CrossrefClient', () => {
  let server: ReplayServer;
  const realList = realJson<WorkList>(LIST_FILE);

  beforeAll(async () => {
    server = await ReplayServer.start();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  const client = () =>
    new CrossrefClient({ baseUrl: server.url(), mailto: 'curation@example.org', retry: { baseDelayMs: 10 } });

  /** Routes pages of 8, 8 and 4 items built from the real 20-item work-list; the short page ends paging. */
  function routePages(): void {
    const pages = splitRecords(realList.message.items, [8, 8, 4]);
    const cursors = ['*', 'cursor-2', 'cursor-3'];
    pages.forEach((items, index) => {
      const message = { ...realList.message, items, 'next-cursor': `cursor-${index + 2}` };
      server.route({
        path: '/works',
        query: { cursor: cursors[index] ?? '' },
        response: jsonResponse({ ...realList, message }),
      });
    });
  }

  it('uses the loopback replay server', () => {
    expect(client().http.baseUrl.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('deep-pages works by ORCID and update dates', async () => {
    routePages();
    const items = [];
    const filter = { orcid: ORCID, fromUpdateDate: '2024-01-01', untilUpdateDate: '2024-12-31' };
    for await (const item of client().works(filter, { pageSize: 8 })) items.push(item);

    expect(items.map((item) => item.DOI)).toEqual(realList.message.items.map((item) => item.DOI));
    const sent = server.requestsTo('/works');
    expect(sent.map((request) => request.query.get('cursor'))).toEqual(['*', 'cursor-2', 'cursor-3']);
    expect(sent[0]?.query.get('filter')).toBe(
      `orcid:${ORCID},from-update-date:2024-01-01,until-update-date:2024-12-31`,
    );
    expect(sent[0]?.query.get('rows')).toBe('8');
    expect(sent[0]?.headers['user-agent']).toBe('AtlasVerify/1.0 (mailto:curation@example.org)');
  });

  it('resumes from a persisted cursor', async () => {
    routePages();
    const items = [];
    for await (const item of client().works({ orcid: ORCID }, { pageSize: 8, resumeToken: 'cursor-3' }))
      items.push(item);
    expect(items.map((item) => item.DOI)).toEqual(realList.message.items.slice(16).map((item) => item.DOI));
  });

  it('retries 5xx then succeeds', async () => {
    const work = realJson('crossref/api_responses/work_rcrossref_2.json.gz');
    server.route({
      path: '/works/10.1016/j.tcs.2015.06.001',
      response: jsonResponse(work),
      faults: [
        { kind: 'status', status: 500 },
        { kind: 'status', status: 503 },
      ],
    });
    const message = await client().work('10.1016/j.tcs.2015.06.001');

    expect(message.DOI).toBe('10.1016/j.tcs.2015.06.001');
    expect(server.requests.map((request) => request.outcome)).toEqual(['status', 'status', 'recorded']);
  });

  it('rejects a work-list where a work was expected', async () => {
    server.route({ path: '/works/10.1016/j.ffa.2015.10.008', response: jsonResponse(realList) });
    await expect(client().work('10.1016/j.ffa.2015.10.008')).rejects.toMatchObject({
      code: 'SOURCE_ERR_INVALID_RESPONSE',
      url: expect.stringContaining('/works/10.1016%2Fj.ffa.2015.10.008'),
    });
  });
});
