/**
 * Loads a verification schema with COPY from records derived from the real data. The real works of
 * a few source files become record versions and canonical works, and their real author names become
 * profiles. Each profile gets a queue of candidates on real records at its author's position.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';

import type { PoolClient } from 'pg';

import type { Work } from '@atlas/contracts';
import { copyRows } from '@atlas/ingest-import';
import type { CopyValue } from '@atlas/ingest-import';
import { findWorkspaceRoot } from '@atlas/local-stack';
import { readRecords } from '@atlas/source-parsers';

/** Real work files the dataset derives from (6,894 works with authors, each record once). */
const SOURCE_FILES = [
  'openalex/academic-explorer_works.jsonl.gz',
  'openalex/openalexpro_works.jsonl.gz',
  'crossref/crossref_works_from_vcr_cassettes.jsonl.gz',
];

/** Candidates of each profile; the number of profiles follows from the total. */
export const CANDIDATES_PER_PROFILE = 200;

/** A real record as the dataset uses it. */
export interface RealRecord {
  rawRecordId: string;
  checksum: string;
  work: Work;
}

/** Contents of a loaded dataset, for the benchmarks to pick requests from. */
export interface VerificationDataset {
  profileIds: string[];
  /** Pending candidates by profile index, a few per profile, for decision writes. */
  pendingCandidates: string[][];
  /** Words of real titles, for searches. */
  searchWords: string[];
  records: number;
  candidates: number;
  confirmed: number;
  loadSeconds: number;
}

/** Reads the real works of the source files, each once. */
export async function readRealRecords(): Promise<RealRecord[]> {
  const root = findWorkspaceRoot();
  const records: RealRecord[] = [];
  const seen = new Set<string>();
  for (const file of SOURCE_FILES) {
    for await (const item of readRecords(path.join(root, 'data', 'real', file))) {
      if (item.kind !== 'record' || !item.work || item.work.authors.length === 0) continue;
      const key = `${item.source}:${item.sourceId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      records.push({ rawRecordId: uuidv7(), checksum: item.checksum, work: item.work });
    }
  }
  return records;
}

/** Derives a fraction in [0, 1) from an integer, the same on every run, so runs load the same data. */
function fraction(seed: number): number {
  const digest = createHash('sha256').update(String(seed)).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** Status of the candidate with index `index`: mostly pending, some decided. */
function statusOf(index: number): 'pending' | 'uncertain' | 'rejected' | 'confirmed' {
  const share = fraction(index);
  if (share < 0.8) return 'pending';
  if (share < 0.85) return 'uncertain';
  if (share < 0.95) return 'rejected';
  return 'confirmed';
}

function sortDate(work: Work): string {
  const [year, month = '01', day = '01'] = (work.publicationDate ?? '').split('-');
  return year ? `${year}-${month}-${day}` : '0001-01-01';
}

/** Canonical work ids by record index; records of one DOI share a work, as primary_doi is unique. */
function canonicalWorkIds(records: RealRecord[]): string[] {
  const byDoi = new Map<string, string>();
  return records.map((record) => {
    const doi = record.work.identifiers.doi;
    if (!doi) return uuidv7();
    const known = byDoi.get(doi);
    if (known) return known;
    const id = uuidv7();
    byDoi.set(doi, id);
    return id;
  });
}

function* recordVersionRows(records: RealRecord[]): Generator<CopyValue[]> {
  for (const record of records) {
    const { work } = record;
    yield [record.rawRecordId, work.source, work.sourceId, record.checksum, JSON.stringify(work)];
  }
}

function* canonicalWorkRows(records: RealRecord[], workIds: string[]): Generator<CopyValue[]> {
  const written = new Set<string>();
  for (const [index, record] of records.entries()) {
    const id = workIds[index]!;
    if (written.has(id)) continue;
    written.add(id);
    const { work } = record;
    const authors = work.authors.map((author) => ({ position: author.position, name: author.rawName }));
    yield [
      id,
      work.identifiers.doi ?? null,
      work.title,
      work.publicationDate ? sortDate(work) : null,
      work.publicationDate ?? null,
      work.publicationYear ?? null,
      work.type,
      work.venue?.name ?? null,
      JSON.stringify(work.identifiers),
      JSON.stringify(authors),
      authors.length,
      authors.map((author) => author.name).join(' '),
      work.title.toLowerCase().replace(/[^a-z0-9]+/g, ''),
    ];
  }
}

interface CandidatePlan {
  profileIndex: number;
  recordIndex: number;
  status: ReturnType<typeof statusOf>;
}

/** Candidate `index`: profile `index / 200`, and a record that profile has no other candidate on. */
function planCandidate(index: number, recordCount: number): CandidatePlan {
  const profileIndex = Math.floor(index / CANDIDATES_PER_PROFILE);
  const slot = index % CANDIDATES_PER_PROFILE;
  const recordIndex = (profileIndex * 7_919 + slot) % recordCount;
  return { profileIndex, recordIndex, status: statusOf(index) };
}

/** Loads the dataset into the verification schema of `ownerUrl` with COPY, then analyses it. */
export async function loadVerificationDataset(
  ownerUrl: string,
  records: RealRecord[],
  candidates: number,
  log: (line: string) => void,
): Promise<VerificationDataset> {
  const started = process.hrtime.bigint();
  const profileCount = Math.ceil(candidates / CANDIDATES_PER_PROFILE);
  const profileIds = Array.from({ length: profileCount }, () => uuidv7());
  const workIds = canonicalWorkIds(records);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  const copy = (table: string, columns: string[], rows: Iterable<CopyValue[]>) =>
    copyRows(client as unknown as PoolClient, table, columns, rows);
  const pendingCandidates: string[][] = profileIds.map(() => []);
  let confirmed = 0;
  try {
    log(`loading ${records.length} record versions and their canonical works`);
    await copy(
      'record_versions',
      ['raw_record_id', 'source', 'source_id', 'checksum', 'work'],
      recordVersionRows(records),
    );
    await copy(
      'canonical_works',
      [
        'id',
        'primary_doi',
        'title',
        'publication_date',
        'publication_date_text',
        'publication_year',
        'type',
        'venue_name',
        'identifiers',
        'authors',
        'author_count',
        'author_names',
        'title_fingerprint',
      ],
      canonicalWorkRows(records, workIds),
    );

    log(`loading ${profileCount} profiles named after real authors`);
    await copy(
      'author_profiles',
      ['id', 'display_name'],
      profileIds.map((id, index) => {
        const work = records[(index * 7_919) % records.length]!.work;
        return [id, work.authors[index % work.authors.length]!.rawName.slice(0, 256)];
      }),
    );

    log(`loading ${candidates} candidates`);
    const authorships: CopyValue[][] = [];
    const now = Date.now();
    function* candidateRows(): Generator<CopyValue[]> {
      for (let index = 0; index < candidates; index += 1) {
        const plan = planCandidate(index, records.length);
        const record = records[plan.recordIndex]!;
        const { work } = record;
        const author = work.authors[plan.profileIndex % work.authors.length]!;
        const id = uuidv7();
        const profileId = profileIds[plan.profileIndex]!;
        const pending = pendingCandidates[plan.profileIndex]!;
        if (plan.status === 'pending' && pending.length < 8) pending.push(id);
        const workId = plan.status === 'confirmed' ? workIds[plan.recordIndex]! : null;
        if (workId) authorships.push([workId, profileId, author.position]);
        const score = (0.3 + 0.69 * fraction(index + candidates)).toFixed(3);
        const reasons = [{ signal: 'name', contribution: Number(score), detail: `name ${author.rawName}` }];
        yield [
          id,
          profileId,
          work.source,
          work.sourceId,
          author.position,
          record.rawRecordId,
          score,
          JSON.stringify(reasons),
          'bench-1',
          plan.status,
          author.rawName,
          work.title,
          work.type,
          work.identifiers.doi ?? null,
          work.publicationDate ?? null,
          work.publicationYear ?? null,
          sortDate(work),
          work.venue?.name ?? null,
          workId,
          new Date(now - index * 1_000).toISOString(),
        ];
      }
    }
    await copy(
      'candidate_matches',
      [
        'id',
        'profile_id',
        'source',
        'source_id',
        'author_position',
        'raw_record_id',
        'match_score',
        'match_reasons',
        'matcher_version',
        'status',
        'author_name',
        'title',
        'work_type',
        'doi',
        'publication_date',
        'publication_year',
        'publication_sort',
        'venue_name',
        'work_id',
        'created_at',
      ],
      candidateRows(),
    );

    // A profile confirmed on two records of one work has one authorship of it.
    const unique = new Map(authorships.map((row) => [`${row[0]}:${row[1]}`, row]));
    confirmed = unique.size;
    log(`loading ${confirmed} authorships of confirmed candidates`);
    await copy('work_authorships', ['work_id', 'profile_id', 'position'], unique.values());
    await client.query(`ANALYZE`);
  } finally {
    await client.end();
  }
  const searchWords = [
    ...new Set(
      records
        .flatMap((record) => record.work.title.toLowerCase().split(/[^a-z]+/))
        .filter((word) => word.length >= 7),
    ),
  ].slice(0, 200);
  return {
    profileIds,
    pendingCandidates,
    searchWords,
    records: records.length,
    candidates,
    confirmed,
    loadSeconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
