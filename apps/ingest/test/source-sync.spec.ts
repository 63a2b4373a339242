import {
  ProfileSyncFinishedV1,
  RecordRemovedV1,
  RecordStoredV1,
  RecordUpdatedV1,
  SourceSyncFinishedV1,
  StartSyncRpc,
} from '@atlas/contracts';
import type { Actor, EventData } from '@atlas/contracts';
import { newId } from '@atlas/database';
import { RpcCallError, callRpc } from '@atlas/messaging';
import { shutdownTelemetry, startTelemetry } from '@atlas/observability';
import { jsonResponse, realBody, realJson, xmlResponse } from '@atlas/source-clients/testing';

import {
  OPENALEX_AUTHOR,
  OPENALEX_SECOND_CURSOR,
  ORCID,
  PREFIX,
  REAL,
  SyncHarness,
  arxivSinglePage,
  openAlexPages,
  profileChanged,
  routeRealResponses,
} from './sync-harness';

type Json = Record<string, unknown>;

const ADMIN: Actor = { role: 'admin' };
const ALL_SOURCES = ['openalex', 'crossref', 'hal', 'orcid', 'arxiv'] as const;

let harness: SyncHarness;

beforeAll(async () => {
  // Telemetry starts before the service, so that the synchronisation metrics are exported.
  startTelemetry({ serviceName: 'ingest', instrumentations: [] });
  harness = await SyncHarness.start();
  await harness.startIngest({ ATLAS_SYNC_BREAKER_FAILURES: '2', ATLAS_SYNC_BREAKER_OPEN_SECONDS: '2' });
}, 90_000);

afterAll(async () => {
  await harness?.close();
  await shutdownTelemetry();
});

beforeEach(() => {
  harness.replay.reset();
  routeRealResponses(harness.replay);
});

async function newProfile(sources: readonly (typeof ALL_SOURCES)[number][]): Promise<string> {
  const profileId = newId();
  await harness.publishProfile(profileChanged(profileId, [...sources]));
  return profileId;
}

const paramOf = (path: string, name: string) =>
  harness.replay.requestsTo(path).map((request) => request.query.getAll(name).join(' & '));

describe('source synchronisation', () => {
  it('harvests every watched source on the first sync', async () => {
    const profileId = await newProfile(ALL_SOURCES);

    const reply = await callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId });
    const runs = await harness.settledRuns(profileId, 1);

    expect(reply.syncRunIds).toHaveLength(5);
    expect(reply.alreadyRunning).toEqual([]);
    expect(runs.map((run) => [run.source, run.status, run.failure])).toEqual(
      [...ALL_SOURCES].sort().map((source) => [source, 'succeeded', null]),
    );
    const inserted = Object.fromEntries(runs.map((run) => [run.source, run.inserted]));
    expect(inserted.openalex).toBe(50);
    expect(inserted.crossref).toBe(20);
    expect(inserted.hal).toBe(36);
    expect(inserted.orcid).toBe(74);
    expect(inserted.arxiv).toBeGreaterThan(0);
    expect(paramOf(`${PREFIX.openalex}/works`, 'filter')).toEqual([
      `author.id:${OPENALEX_AUTHOR}`,
      `author.id:${OPENALEX_AUTHOR}`,
      `authorships.author.orcid:${ORCID}`,
      `authorships.author.orcid:${ORCID}`,
    ]);
    expect(paramOf(`${PREFIX.crossref}/works`, 'filter')).toEqual([`orcid:${ORCID}`]);

    const stored = await harness.outbox<EventData<typeof RecordStoredV1>>(RecordStoredV1.subject);
    const fromThisSync = stored.filter((event) =>
      reply.syncRunIds.includes(event.data.origin.syncRunId ?? ''),
    );
    expect(fromThisSync.length).toBe(runs.reduce((total, run) => total + run.inserted, 0));

    const finished = await harness.outbox<EventData<typeof ProfileSyncFinishedV1>>(
      ProfileSyncFinishedV1.subject,
    );
    const mine = finished.filter((event) => event.data.profileId === profileId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.data).toMatchObject({ outcome: 'succeeded', trigger: 'request', changedRecords: 0 });
    expect(mine[0]!.data.newRecords).toBe(fromThisSync.length);
    const perSource = await harness.outbox<EventData<typeof SourceSyncFinishedV1>>(
      SourceSyncFinishedV1.subject,
    );
    expect(perSource.filter((event) => event.data.profileId === profileId)).toHaveLength(5);
  });

  it('asks only for changes on the next sync, and records changes and removals', async () => {
    const profileId = await newProfile(ALL_SOURCES);
    await callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId });
    const [firstRun] = await harness.settledRuns(profileId, 1);
    const day = new Date(Date.now()).toISOString().slice(0, 10);

    // Altered copies of the real responses: one OpenAlex work retracted with a new title, one ORCID
    // work edited and another deleted from the researcher's record, one arXiv entry withdrawn.
    harness.replay.reset();
    routeRealResponses(harness.replay);
    const works = structuredClone(realJson(REAL.openalexPage).results as Json[]);
    const retracted = works[3]!;
    retracted.title = `${String(retracted.title)} (retracted)`;
    retracted.display_name = retracted.title;
    retracted.is_retracted = true;
    retracted.updated_date = new Date().toISOString().replace('Z', '');
    const [first, second] = openAlexPages(works);
    harness.replay.route({
      path: `${PREFIX.openalex}/works`,
      query: { cursor: '*' },
      response: jsonResponse(first),
    });
    harness.replay.route({
      path: `${PREFIX.openalex}/works`,
      query: { cursor: OPENALEX_SECOND_CURSOR },
      response: jsonResponse(second),
    });
    const orcidWorks = structuredClone(realJson(REAL.orcidWorks));
    const groups = orcidWorks.group as Json[];
    const removedGroup = groups.splice(10, 1)[0]!;
    const editedGroup = groups[0]!;
    const editedSummary = (editedGroup['work-summary'] as Json[])[0]!;
    ((editedSummary.title as Json).title as Json).value = 'An edited title';
    editedGroup['last-modified-date'] = { value: Date.now() };
    harness.replay.route({ path: `${PREFIX.orcid}/${ORCID}/works`, response: jsonResponse(orcidWorks) });
    const feed = arxivSinglePage(realBody(REAL.arxivFeed));
    const entryStart = feed.indexOf('<entry>');
    const firstEntry = feed
      .slice(entryStart)
      .replace(/<updated>[^<]*<\/updated>/, `<updated>${new Date().toISOString()}</updated>`)
      .replace(
        '</summary>',
        '</summary>\n<arxiv:comment>This paper has been withdrawn by the author</arxiv:comment>',
      );
    const withdrawnFeed = feed.slice(0, entryStart) + firstEntry;
    harness.replay.route({ path: PREFIX.arxiv, response: xmlResponse(withdrawnFeed) });

    const reply = await callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId });
    const runs = (await harness.settledRuns(profileId, 2)).filter((run) => reply.syncRunIds.includes(run.id));

    expect(firstRun!.since).toBeNull();
    expect(runs.every((run) => run.since !== null)).toBe(true);
    expect(paramOf(`${PREFIX.openalex}/works`, 'filter')[0]).toBe(
      `author.id:${OPENALEX_AUTHOR},from_updated_date:${day}`,
    );
    expect(paramOf(`${PREFIX.crossref}/works`, 'filter')).toEqual([`orcid:${ORCID},from-update-date:${day}`]);
    expect(paramOf(PREFIX.hal, 'fq')[0]).toMatch(/modifiedDate_tdate:\[\d{4}-\d\d-\d\dT[\d:.]+Z TO \*\]/);
    const bySource = Object.fromEntries(runs.map((run) => [run.source, run]));
    expect(bySource.openalex).toMatchObject({ status: 'succeeded', inserted: 0, updated: 1 });
    expect(bySource.orcid).toMatchObject({ status: 'succeeded', inserted: 0, updated: 1, removed: 1 });
    expect(bySource.crossref).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });

    const updates = await harness.outbox<EventData<typeof RecordUpdatedV1>>(RecordUpdatedV1.subject);
    const retraction = updates.find(
      (event) => event.data.record.sourceId === String(retracted.id).split('/').pop(),
    );
    expect(retraction?.data.materialChanges).toEqual(expect.arrayContaining(['title', 'retraction']));
    expect(retraction?.data.origin.syncRunId).toBe(bySource.openalex!.id);
    const withdrawal = updates.find((event) => event.data.origin.syncRunId === bySource.arxiv!.id);
    expect(withdrawal?.data.materialChanges).toContain('withdrawal');

    const removals = await harness.outbox<EventData<typeof RecordRemovedV1>>(RecordRemovedV1.subject);
    const removedPutCode = ((removedGroup['work-summary'] as Json[])[0]!['put-code'] as number).toString();
    expect(removals.map((event) => event.data.sourceId)).toContain(`${ORCID}/work/${removedPutCode}`);
    const head = await harness.pool.query<{ removed_at: Date | null; versions: string }>(
      `SELECT h.removed_at, (SELECT count(*) FROM raw_records r WHERE r.source = h.source AND r.source_id = h.source_id) AS versions
       FROM raw_record_heads h WHERE source = 'orcid' AND source_id = $1`,
      [`${ORCID}/work/${removedPutCode}`],
    );
    expect(head.rows[0]?.removed_at).not.toBeNull();
    expect(Number(head.rows[0]?.versions)).toBe(1);

    const finished = await harness.outbox<EventData<typeof ProfileSyncFinishedV1>>(
      ProfileSyncFinishedV1.subject,
    );
    const summary = finished.filter((event) => event.data.profileId === profileId)[1]!;
    expect(summary.data).toMatchObject({ newRecords: 0, removedRecords: 1 });
    expect(summary.data.changedRecords).toBeGreaterThanOrEqual(3);
  });

  it('resumes an interrupted pass at the page it stopped at', async () => {
    const profileId = await newProfile(['openalex']);
    harness.replay.reset();
    const [first, second] = openAlexPages();
    harness.replay.route({
      path: `${PREFIX.openalex}/works`,
      query: { cursor: '*' },
      response: jsonResponse(first),
    });
    // The second page stops half-way through its body on both attempts of the first run.
    harness.replay.route({
      path: `${PREFIX.openalex}/works`,
      query: { cursor: OPENALEX_SECOND_CURSOR },
      response: jsonResponse(second),
      faults: [
        { kind: 'truncate', bytes: 2000 },
        { kind: 'truncate', bytes: 2000 },
      ],
    });

    await callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId });
    const [interrupted] = await harness.settledRuns(profileId, 1);
    const cursor = await harness.pool.query<{
      paging: { token: string; query: number };
      last_failure: string;
    }>(`SELECT paging, last_failure FROM sync_cursors WHERE profile_id = $1 AND source = 'openalex'`, [
      profileId,
    ]);
    harness.replay.requests.length = 0;
    await callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId });
    const runs = await harness.settledRuns(profileId, 2);
    const resumed = runs[1]!;

    expect(interrupted!.status).toBe('failed');
    expect(interrupted!.inserted + interrupted!.unchanged).toBe(25);
    expect(interrupted!.failure).toMatch(/SOURCE_ERR_/);
    expect(cursor.rows[0]!.paging).toMatchObject({ query: 0, token: OPENALEX_SECOND_CURSOR });
    expect(cursor.rows[0]!.last_failure).toBe(interrupted!.failure);
    expect(resumed).toMatchObject({ status: 'succeeded', resumed: true });
    // The rest of the author query (25 works), then the whole ORCID query (50).
    expect(resumed.inserted + resumed.unchanged).toBe(75);
    expect(paramOf(`${PREFIX.openalex}/works`, 'cursor')[0]).toBe(OPENALEX_SECOND_CURSOR);
    expect(paramOf(`${PREFIX.openalex}/works`, 'filter')[0]).toBe(`author.id:${OPENALEX_AUTHOR}`);
    const stored = await harness.pool.query<{ count: string }>(
      `SELECT count(*) FROM raw_records WHERE source = 'openalex' AND id IN (
         SELECT raw_record_id FROM raw_record_heads WHERE source = 'openalex')`,
    );
    expect(Number(stored.rows[0]!.count)).toBe(50);
  });

  it('opens the circuit of a source that is down, then retries', async () => {
    const profileId = await newProfile(['crossref']);
    harness.replay.reset();
    routeRealResponses(harness.replay);
    harness.replay.route({
      path: `${PREFIX.crossref}/works`,
      response: jsonResponse(realJson(REAL.crossrefList)),
      faults: Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 503, retryAfter: '0' })),
    });

    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId });
      await harness.settledRuns(profileId, attempt);
    }
    const requestsWhileOpen = harness.replay.requestsTo(`${PREFIX.crossref}/works`).length;
    const metricsWhileOpen = (await harness.instances[0]!.inject({ url: '/metrics' })).body;
    const failed = await harness.settledRuns(profileId, 3);
    const cursor = await harness.pool.query<{ consecutive_failures: number; due_at: Date }>(
      `SELECT consecutive_failures, due_at FROM sync_cursors WHERE profile_id = $1 AND source = 'crossref'`,
      [profileId],
    );
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId });
    const runs = await harness.settledRuns(profileId, 4);

    expect(failed.map((run) => run.status)).toEqual(['failed', 'failed', 'failed']);
    expect(failed[0]!.failure).toMatch(/HTTP 503/);
    expect(failed[2]!.failure).toMatch(/circuit of crossref is open/);
    expect(requestsWhileOpen).toBe(4);
    expect(metricsWhileOpen).toMatch(/ingest_source_circuit_opened_total\{[^}]*source="crossref"[^}]*\} 1/);
    expect(metricsWhileOpen).toMatch(/ingest_source_circuit_state\{[^}]*source="crossref"[^}]*\} 2/);
    expect(metricsWhileOpen).toMatch(/ingest_sync_runs_total\{source="crossref",outcome="failed"[^}]*\} 3/);
    expect(cursor.rows[0]!.consecutive_failures).toBe(3);
    expect(cursor.rows[0]!.due_at.getTime()).toBeGreaterThan(Date.now() - 2100);
    expect(runs[3]!.status).toBe('succeeded');
    expect(runs[3]!.inserted + runs[3]!.unchanged).toBe(20);
  });

  it('fails a run on a garbage answer and keeps the store', async () => {
    const profileId = await newProfile(['hal']);
    harness.replay.reset();
    harness.replay.route({
      path: PREFIX.hal,
      response: jsonResponse(realJson(REAL.halSearch)),
      faults: [
        { kind: 'garbage', body: '<html>Service temporarily unavailable</html>', contentType: 'text/html' },
      ],
    });
    const before = await harness.pool.query<{ count: string }>('SELECT count(*) FROM raw_records');

    await callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId });
    const [run] = await harness.settledRuns(profileId, 1);
    const after = await harness.pool.query<{ count: string }>('SELECT count(*) FROM raw_records');
    const cursor = await harness.pool.query<{
      consecutive_failures: number;
      due_at: Date;
      last_failure: string;
    }>(
      `SELECT consecutive_failures, due_at, last_failure FROM sync_cursors WHERE profile_id = $1 AND source = 'hal'`,
      [profileId],
    );

    expect(run!.status).toBe('failed');
    expect(run!.failure).toMatch(/^SOURCE_ERR_INVALID_RESPONSE/);
    expect(after.rows[0]!.count).toBe(before.rows[0]!.count);
    expect(cursor.rows[0]!.consecutive_failures).toBe(1);
    expect(cursor.rows[0]!.last_failure).toBe(run!.failure);
    expect(cursor.rows[0]!.due_at.getTime()).toBeGreaterThan(Date.now() - 1000);
  });

  it('restarts the pass when the source rejects the cursor', async () => {
    const profileId = await newProfile(['openalex']);
    harness.replay.reset();
    const [first, second] = openAlexPages();
    harness.replay.route({
      path: `${PREFIX.openalex}/works`,
      query: { cursor: '*' },
      response: jsonResponse(first),
    });
    harness.replay.route({
      path: `${PREFIX.openalex}/works`,
      query: { cursor: OPENALEX_SECOND_CURSOR },
      response: jsonResponse(second),
      faults: [
        { kind: 'truncate', bytes: 100 },
        { kind: 'truncate', bytes: 100 },
        { kind: 'status', status: 400, body: '{"error":"Invalid cursor"}' },
      ],
    });

    await callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId });
    await harness.settledRuns(profileId, 1);
    await callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId });
    const [, rejected] = await harness.settledRuns(profileId, 2);
    const cursor = await harness.pool.query<{ paging: unknown }>(
      `SELECT paging FROM sync_cursors WHERE profile_id = $1 AND source = 'openalex'`,
      [profileId],
    );
    harness.replay.requests.length = 0;
    await callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId });
    const [, , restarted] = await harness.settledRuns(profileId, 3);

    expect(rejected!.status).toBe('failed');
    expect(rejected!.failure).toMatch(/HTTP 400/);
    expect(cursor.rows[0]!.paging).toBeNull();
    expect(restarted!.status).toBe('succeeded');
    expect(restarted!.resumed).toBe(false);
    expect(paramOf(`${PREFIX.openalex}/works`, 'cursor')[0]).toBe('*');
  });

  it('rejects sources the profile does not watch', async () => {
    const profileId = await newProfile(['hal']);

    const request = callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId, sources: ['crossref'] });

    await expect(request).rejects.toBeInstanceOf(RpcCallError);
    await expect(request).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('crossref'),
    });
  });

  it('reports a source already running', async () => {
    const profileId = await newProfile(['hal']);
    harness.replay.reset();
    harness.replay.route({
      path: PREFIX.hal,
      response: jsonResponse(realJson(REAL.halSearch)),
      faults: [{ kind: 'delay', ms: 1000 }],
    });

    const first = await callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId });
    const second = await callRpc(harness.nc, StartSyncRpc, { actor: ADMIN, profileId });
    await harness.settledRuns(profileId, 1);

    expect(first.syncRunIds).toHaveLength(1);
    expect(second).toEqual({ syncRunIds: [], alreadyRunning: ['hal'] });
  });
});
