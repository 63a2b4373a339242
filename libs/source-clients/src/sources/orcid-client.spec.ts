import { OrcidClient } from './orcid-client';
import { jsonResponse, realBody, realJson, ReplayServer, xmlResponse } from '../testing';

type WorksDocument = {
  'last-modified-date': { value: number };
  group: { 'last-modified-date': { value: number } }[];
};

const V3 = 'orcid/rorcid_api_v3.0';
const V2 = 'orcid/dissemin_api_v2_records';
const ORCID = '0000-0001-8607-8025';

describe('OrcidClient', () => {
  let server: ReplayServer;
  const works = realJson<WorksDocument>(`${V3}/v3.0_${ORCID}_works.json.gz`);

  beforeAll(async () => {
    server = await ReplayServer.start();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  const client = (prefix = '/v3.0') =>
    new OrcidClient({ baseUrl: server.url(prefix), retry: { baseDelayMs: 10 } });

  it('uses the loopback replay server', () => {
    expect(client().http.baseUrl.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('fetches the works list with its last-modified date', async () => {
    server.route({ path: `/v3.0/${ORCID}/works`, response: jsonResponse(works) });
    const result = await client().works(ORCID);

    expect(result.groups).toHaveLength(works.group.length);
    expect(result.totalGroups).toBe(74);
    expect(result.lastModified).toBe(works['last-modified-date'].value);
    expect(server.requests[0]?.headers.accept).toBe('application/json');
  });

  it('keeps only groups modified since a time', async () => {
    server.route({ path: `/v3.0/${ORCID}/works`, response: jsonResponse(works) });
    const since = Date.UTC(2019, 0, 1);
    const expected = works.group.filter((group) => group['last-modified-date'].value > since).length;
    const result = await client().works(ORCID, { modifiedSince: since });

    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(74);
    expect(result.groups).toHaveLength(expected);
  });

  it('serves an altered copy on a later fetch', async () => {
    // Derived from the real list: the first group removed, a later group marked as modified now.
    const altered = structuredClone(works);
    altered.group.shift();
    const changed = altered.group[0];
    if (changed) changed['last-modified-date'].value = Date.now();
    server.route({
      path: `/v3.0/${ORCID}/works`,
      response: jsonResponse(works),
      faults: [
        { kind: 'replace', response: jsonResponse(works) },
        { kind: 'replace', response: jsonResponse(altered) },
      ],
    });
    const first = await client().works(ORCID);
    const second = await client().works(ORCID, { modifiedSince: first.lastModified });

    expect(second.totalGroups).toBe(73);
    expect(second.groups).toEqual([changed]);
  });

  it('fetches a single work and a person', async () => {
    const work = realJson(`${V3}/v3.0_0000-0002-0734-2199_work_40038622.json.gz`);
    const person = realJson(`${V3}/v3.0_${ORCID}_person.json.gz`);
    server.route({ path: '/v3.0/0000-0002-0734-2199/work/40038622', response: jsonResponse(work) });
    server.route({ path: `/v3.0/${ORCID}/person`, response: jsonResponse(person) });

    await expect(client().work('0000-0002-0734-2199', 40038622)).resolves.toEqual(work);
    await expect(client().person(ORCID)).resolves.toEqual(person);
  });

  it('fetches works in bulk by put-code', async () => {
    // The recorded bulk responses come from the v2.1 API, whose `bulk` shape v3.0 keeps.
    const codes = '45993824,46050270,16667185,47337044,47337045';
    const bulk = realJson<{ bulk: unknown[] }>(`${V2}/0000-0002-8612-8827-works-${codes}.json.gz`);
    server.route({ path: `/v2.1/0000-0002-8612-8827/works/${codes}`, response: jsonResponse(bulk) });
    const entries = [];
    for await (const entry of client('/v2.1').bulkWorks('0000-0002-8612-8827', codes.split(',')))
      entries.push(entry);

    expect(entries).toHaveLength(bulk.bulk.length);
    expect(entries).toEqual(bulk.bulk);
  });

  it('fetches XML when asked', async () => {
    const xml = realBody('orcid/orcid-model_official_samples/works-3.0.xml.gz');
    server.route({ path: `/v3.0/${ORCID}/works`, response: jsonResponse(works) });
    server.route({
      path: `/v3.0/${ORCID}/works`,
      accept: 'application/xml',
      response: xmlResponse(xml, 'application/xml'),
    });
    const response = await client().xml(`${ORCID}/works`);

    expect(response.body).toBe(xml);
    expect(server.requests[0]?.headers.accept).toBe('application/xml');
  });

  it('rejects malformed XML', async () => {
    server.route({
      path: `/v3.0/${ORCID}/works`,
      response: xmlResponse('<works><group>', 'application/xml'),
    });
    await expect(client().xml(`${ORCID}/works`)).rejects.toMatchObject({
      code: 'SOURCE_ERR_INVALID_RESPONSE',
    });
  });
});
