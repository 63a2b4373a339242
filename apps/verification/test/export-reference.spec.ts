import path from 'node:path';

import { jetstream } from '@nats-io/jetstream';

import { ExportWorksRpc, MAX_INLINE_EXPORT_BYTES } from '@atlas/contracts';
import type { PayloadReference, Work } from '@atlas/contracts';
import { callRpc, openPayload } from '@atlas/messaging';

import { issueResearcherToken } from './gateway-token';
import { startHarness } from './harness';
import { startServiceBeside } from './service-process';
import { confirmWorks, insertProfile, largestWorks, relayApp, researcher } from './works-fixture';

import type { Readable } from 'node:stream';

import type { Harness } from './harness';
import type { ServiceBeside } from './service-process';

const REAL = path.join(__dirname, '../../../data/real');
/** Real works with the longest author lists: together their CSL-JSON export passes 512 KB. */
const SOURCES = [
  { file: path.join(REAL, 'openalex/parseland-eval_openalex-baseline_works.ndjson.gz'), count: 20 },
  { file: path.join(REAL, 'openalex/academic-explorer_works.jsonl.gz'), count: 40 },
  { file: path.join(REAL, 'crossref/crossref_works_from_vcr_cassettes.jsonl.gz'), count: 10 },
];

let harness: Harness;
let gateway: ServiceBeside;
let profileId: string;
let confirmed: number;
let token: string;

beforeAll(async () => {
  harness = await startHarness({ ingest: relayApp('ingest'), matching: relayApp('matching') }, [
    'verification',
    'ingest',
    'matching',
    'gateway',
  ]);
  gateway = await startServiceBeside(harness, 'gateway');
  const works: Work[] = [];
  for (const source of SOURCES) works.push(...(await largestWorks(source.file, source.count)));
  profileId = await insertProfile(harness, 'Export Owner');
  await confirmWorks(harness, works, profileId, () => 1);
  // Records of one work in two files (the same DOI) share one canonical work, so count works.
  const distinct = await harness.admin.query<{ works: number }>(
    `SELECT count(DISTINCT work_id)::int AS works FROM verification.work_authorships WHERE profile_id = $1`,
    [profileId],
  );
  confirmed = distinct.rows[0]!.works;
  token = await issueResearcherToken(harness, profileId, '0000-0001-6101-5802', ['export']);
}, 180_000);

afterAll(async () => {
  await gateway?.stop();
  await harness?.close();
});

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function exportOf(format: 'csljson' | 'bibtex') {
  return callRpc(harness.nc, ExportWorksRpc, { actor: researcher(profileId), profileId, format });
}

describe('exports over the inline cap', () => {
  it('replies with an object store reference', async () => {
    const result = await exportOf('csljson');
    expect(result.kind).toBe('reference');
    const reference = (result as { reference: PayloadReference }).reference;
    expect(reference.size).toBeGreaterThan(MAX_INLINE_EXPORT_BYTES);
    expect(reference.mediaType).toBe('application/vnd.citationstyles.csl+json; charset=utf-8');
    expect(result.works).toBe(confirmed);

    const content = await readAll(await openPayload(jetstream(harness.nc), reference));
    const items = JSON.parse(content) as { title: string; author: unknown[] }[];
    expect(items).toHaveLength(confirmed);
    expect(Math.max(...items.map((item) => item.author.length))).toBe(2134);
  });

  it('keeps a smaller format inline', async () => {
    const result = await exportOf('bibtex');
    expect(result.kind).toBe('inline');
    expect(result.works).toBe(confirmed);
  });

  it('streams the stored export through the gateway', async () => {
    const response = await fetch(`${gateway.baseUrl}/export?format=csljson`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.citationstyles.csl+json; charset=utf-8',
    );
    expect(response.headers.get('x-exported-works')).toBe(String(confirmed));
    const body = await response.text();
    expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_INLINE_EXPORT_BYTES);
    expect(JSON.parse(body)).toHaveLength(confirmed);
  });
});
