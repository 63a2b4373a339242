import path from 'node:path';

import {
  EraseProfileRpc,
  ExportWorksRpc,
  GetProfileRpc,
  GetCandidateRpc,
  GetQueueRpc,
  ListPublicWorksRpc,
  UpdateSettingsRpc,
  GetWorkRpc,
  GetWorkSourcesRpc,
  ListWorksRpc,
  MergeWorksRpc,
  UndoMergeRpc,
  UnlinkWorkRpc,
  RecordUpdatedV1,
} from '@atlas/contracts';
import type { Work } from '@atlas/contracts';
import { newId, pgExecutor } from '@atlas/database';
import { appendEvent, callRpc } from '@atlas/messaging';

import { outboxEvents, startHarness, waitFor } from './harness';
import { confirmWork, insertProfile, rawRecords, realWorks, relayApp, researcher } from './works-fixture';

import type { Harness } from './harness';

const HAL = path.join(__dirname, '../../../data/real/hal/makutu-site_hal_search_structId_789docs.json.gz');
const TITLES =
  /^(Méthode de décomposition|Fréchet-Taylor-Based|Effective construction of ROM|Calculs de modes|Modélisation, analyse)/;

let harness: Harness;
let owner: string;
let coauthor: string;
let works: Work[];
/** Canonical work ids by the first word of their title. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  harness = await startHarness({ ingest: relayApp('ingest'), matching: relayApp('matching') }, [
    'verification',
    'ingest',
    'matching',
  ]);
  works = await realWorks(HAL, 5, (work) => TITLES.test(work.title));
  owner = await insertProfile(harness, 'Hélène Barucq');
  coauthor = await insertProfile(harness, 'Stefano Frambati');
  for (const work of works) {
    const shared = work.title.startsWith('Fréchet');
    ids[work.title.split(/[\s,-]/)[0]!] = await confirmWork(
      harness,
      work,
      shared ? [owner, coauthor] : [owner],
    );
  }
}, 120_000);

afterAll(() => harness?.close());

async function titles(request: { search?: string; year?: number; type?: Work['type'] }, profileId = owner) {
  const page = await callRpc(harness.nc, ListWorksRpc, {
    actor: researcher(profileId),
    profileId,
    ...request,
  });
  return page.items.map((item) => item.title.split(/[\s,-]/)[0]).sort();
}

describe('verified works over real PostgreSQL and NATS', () => {
  it('searches titles and authors without accents in English and French', async () => {
    expect(await titles({ search: 'methode decomposition' })).toEqual(['Méthode']);
    expect(await titles({ search: 'modelisation' })).toEqual(['Modélisation']);
    expect(await titles({ search: 'calcul électromagnétique' })).toEqual(['Calculs']);
    expect(await titles({ search: 'constructions' })).toEqual(['Effective', 'Fréchet']);
    expect(await titles({ search: 'Fréchet' })).toEqual(['Effective', 'Fréchet']);
    expect(await titles({ search: 'helene barucq' })).toEqual(['Effective', 'Fréchet']);
  });

  it('filters by year and type and pages with a keyset cursor', async () => {
    expect(await titles({ year: 2024 })).toEqual(['Calculs', 'Effective', 'Fréchet']);
    expect(await titles({ type: 'dissertation' })).toEqual(['Calculs', 'Modélisation', 'Méthode']);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await callRpc(harness.nc, ListWorksRpc, {
        actor: researcher(owner),
        profileId: owner,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
    await expect(
      callRpc(harness.nc, ListWorksRpc, { actor: researcher(coauthor), profileId: owner }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads a work with its authorship and sources', async () => {
    const request = { actor: researcher(owner), profileId: owner, workId: ids.Fréchet! };
    const { work, authorship } = await callRpc(harness.nc, GetWorkRpc, request);
    expect(work.kind === 'inline' && work.value.authors.map((author) => author.name)).toContain(
      'Hélène Barucq',
    );
    expect(authorship).toMatchObject({ workId: ids.Fréchet, profileId: owner, position: 1 });
    const sources = await callRpc(harness.nc, GetWorkSourcesRpc, request);
    expect(sources.items.map((item) => [item.record.source, item.role])).toEqual([['hal', 'primary']]);
  });

  it('merges, refuses a cycle and undoes the merge', async () => {
    const actor = researcher(owner);
    const merge = await callRpc(harness.nc, MergeWorksRpc, {
      actor,
      profileId: owner,
      primaryWorkId: ids.Méthode!,
      merged: [{ workId: ids.Calculs!, role: 'duplicate' }],
    });
    expect(merge.outcome).toBe('merged');
    expect(await titles({})).toHaveLength(4);
    const sources = await callRpc(harness.nc, GetWorkSourcesRpc, {
      actor,
      profileId: owner,
      workId: ids.Méthode!,
    });
    expect(sources.items.map((item) => item.role).sort()).toEqual(['duplicate', 'primary']);

    await expect(
      callRpc(harness.nc, MergeWorksRpc, {
        actor,
        profileId: owner,
        primaryWorkId: ids.Calculs!,
        merged: [{ workId: ids.Méthode!, role: 'version' }],
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `Merging ${ids.Méthode} into ${ids.Calculs} would form a cycle`,
    });

    const undone = await callRpc(harness.nc, UndoMergeRpc, {
      actor,
      profileId: owner,
      mergeId: merge.outcome === 'merged' ? merge.mergeId : '',
    });
    expect(undone.restoredWorkIds).toEqual([ids.Calculs]);
    expect(await titles({})).toHaveLength(5);
    const events = await harness.admin.query<{ subject: string }>(
      `SELECT subject FROM verification.outbox_events WHERE subject LIKE 'atlas.verification.work.merge%' ORDER BY id`,
    );
    expect(events.rows.map((row) => row.subject)).toEqual([
      'atlas.verification.work.merged.v1',
      'atlas.verification.work.merge_undone.v1',
    ]);
  });

  it('turns a merge touching a co-author into a proposal', async () => {
    const result = await callRpc(harness.nc, MergeWorksRpc, {
      actor: researcher(owner),
      profileId: owner,
      primaryWorkId: ids.Fréchet!,
      merged: [{ workId: ids.Effective!, role: 'version' }],
    });
    expect(result.outcome).toBe('proposed');
    const proposal = await harness.admin.query(
      `SELECT affected_profile_ids FROM verification.work_merge_proposals WHERE status = 'open'`,
    );
    expect(proposal.rows).toEqual([{ affected_profile_ids: [coauthor] }]);
    expect(await titles({})).toHaveLength(5);
  });

  it('unlinks only the asking profile', async () => {
    const unlink = await callRpc(harness.nc, UnlinkWorkRpc, {
      actor: researcher(coauthor),
      profileId: coauthor,
      workId: ids.Fréchet!,
    });
    expect(unlink.unlinkedAt).toBeDefined();
    expect(await titles({}, coauthor)).toEqual([]);
    expect(await titles({ search: 'frechet' })).toEqual(['Effective', 'Fréchet']);
    await expect(
      callRpc(harness.nc, UnlinkWorkRpc, {
        actor: researcher(coauthor),
        profileId: coauthor,
        workId: ids.Fréchet!,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['bibtex', /@(phdthesis|inproceedings|misc)\{/, 'author = {Besset, Julien and Barucq, Hélène'],
    ['ris', /^TY {2}- THES/m, 'AU  - Barucq, Hélène'],
    ['csljson', /"type": "paper-conference"/, '"given": "Hélène"'],
    ['csv', /^id,title,authors,year/, '"Modélisation, analyse numérique'],
  ] as const)('exports %s with accented names intact', async (format, shape, accented) => {
    const exported = await callRpc(harness.nc, ExportWorksRpc, {
      actor: researcher(owner),
      profileId: owner,
      format,
    });
    expect(exported.kind).toBe('inline');
    expect(exported.works).toBe(5);
    const content = exported.kind === 'inline' ? exported.content : '';
    expect(content).toMatch(shape);
    expect(content).toContain(accented);
  });

  it('parses its own CSL-JSON and CSV exports back', async () => {
    const request = { actor: researcher(owner), profileId: owner, year: 2024 };
    const csl = await callRpc(harness.nc, ExportWorksRpc, { ...request, format: 'csljson' });
    const items = JSON.parse(csl.kind === 'inline' ? csl.content : '[]') as { title: string }[];
    expect(items.map((item) => item.title.split(/[\s,-]/)[0]).sort()).toEqual([
      'Calculs',
      'Effective',
      'Fréchet',
    ]);
    const csv = await callRpc(harness.nc, ExportWorksRpc, { ...request, format: 'csv' });
    const lines = (csv.kind === 'inline' ? csv.content : '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
  });

  it('shows a candidate with its raw source records from ingest', async () => {
    const page = await callRpc(harness.nc, GetQueueRpc, {
      actor: researcher(owner),
      profileId: owner,
      status: ['confirmed'],
    });
    const candidate = page.items.find((item) => item.title.startsWith('Calculs'))!;
    const detail = await callRpc(harness.nc, GetCandidateRpc, {
      actor: researcher(owner),
      candidateId: candidate.id,
    });
    expect(detail.work.kind).toBe('inline');
    expect(detail.work.kind === 'inline' ? detail.work.value.title : '').toBe(candidate.title);
    expect(detail.rawRecords).toEqual([rawRecords.get(candidate.record.sourceId)]);
    await expect(
      callRpc(harness.nc, GetCandidateRpc, { actor: researcher(coauthor), candidateId: candidate.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists public works only as the visibility allows', async () => {
    const list = () => callRpc(harness.nc, ListPublicWorksRpc, { profileId: owner });
    const open = await list();
    expect(open.profile.displayName).toBe('Hélène Barucq');
    expect(open.items).toHaveLength(5);
    const setVisibility = (visibility: 'private' | 'institution') =>
      callRpc(harness.nc, UpdateSettingsRpc, {
        actor: researcher(owner),
        profileId: owner,
        changes: { visibility },
      });
    await setVisibility('institution');
    await expect(list()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await setVisibility('private');
    await expect(list()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('flags a retracted work and keeps its confirmation', async () => {
    const work = works.find((candidate) => candidate.title.startsWith('Calculs'))!;
    const workId = ids.Calculs!;
    const record = {
      rawRecordId: newId(),
      source: work.source,
      sourceId: work.sourceId,
      checksum: `sha256:${newId().replace(/-/g, '').padEnd(64, '0')}`,
    };
    const previous = rawRecords.get(work.sourceId)!;
    await appendEvent(pgExecutor(harness.admin), 'ingest', RecordUpdatedV1, {
      entityId: `${work.source}:${work.sourceId}`,
      entityVersion: 2,
      data: {
        record,
        previousRawRecordId: previous.id,
        work: { kind: 'inline', value: { ...work, isRetracted: true } },
        materialChanges: ['retraction'],
        origin: { syncRunId: newId() },
      },
    });

    const flagged = await waitFor(async () => {
      const row = await harness.admin.query<{ is_retracted: boolean }>(
        'SELECT is_retracted FROM verification.canonical_works WHERE id = $1',
        [workId],
      );
      return row.rows[0]?.is_retracted ? true : undefined;
    });
    const events = await outboxEvents(harness.admin, workId);
    const updated = events.filter((event) => event.subject === 'atlas.verification.work.updated.v1');
    const candidate = await harness.admin.query<{ status: string; flagged: boolean }>(
      'SELECT status, flagged FROM verification.candidate_matches WHERE source_id = $1 AND profile_id = $2',
      [work.sourceId, owner],
    );

    expect(flagged).toBe(true);
    expect(updated).toHaveLength(1);
    expect(updated[0]!.payload.data).toMatchObject({ changes: ['retracted'], profileIds: [owner], record });
    expect(candidate.rows).toEqual([{ status: 'confirmed', flagged: true }]);
  });

  it('erases a profile and keeps its acts pseudonymised', async () => {
    const request = { actor: researcher(coauthor), profileId: coauthor };
    await expect(
      callRpc(harness.nc, EraseProfileRpc, { ...request, confirmDisplayName: 'Someone Else' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('"Someone Else"') });
    const erased = await callRpc(harness.nc, EraseProfileRpc, {
      ...request,
      confirmDisplayName: 'Stefano Frambati',
    });
    expect(erased.erasedAt).toBeDefined();
    await expect(callRpc(harness.nc, GetProfileRpc, request)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const row = await harness.admin.query(
      `SELECT display_name, email, primary_orcid FROM verification.author_profiles WHERE id = $1`,
      [coauthor],
    );
    expect(row.rows).toEqual([{ display_name: 'Erased profile', email: null, primary_orcid: null }]);
    const acts = await harness.admin.query(
      `SELECT decision FROM verification.verification_acts WHERE profile_id = $1`,
      [coauthor],
    );
    expect(acts.rows).toEqual([{ decision: 'confirm' }]);
    const events = await harness.admin.query(
      `SELECT subject FROM verification.outbox_events WHERE payload ->> 'entityId' = $1`,
      [coauthor],
    );
    expect(events.rows.map((event) => event.subject)).toContain('atlas.verification.profile.erased.v1');
  });
});
