import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

import { findWorkspaceRoot } from '@atlas/local-stack';
import { createPool } from '@atlas/database';
import { readRecords } from '@atlas/source-parsers';
import { createTestDatabase } from '@atlas/testing';
import type { Pool } from 'pg';
import type { RecordItem } from '@atlas/source-parsers';
import type { TestDatabase } from '@atlas/testing';

/** Root of the workspace, where `data/real` lives. */
export const ROOT = findWorkspaceRoot();

/** Real files of every source and format, small enough for the default test suite. */
export const REAL_FILES = [
  'data/real/openalex/api_responses/openalexpro_keypaper_works_page.json.gz',
  'data/real/openalex/api_responses/bvitamins_work_W2741809807.json.gz',
  'data/real/openalex/api_responses/bvitamins_author_A5023888391.json.gz',
  'data/real/crossref/api_responses/work_rcrossref_2.json.gz',
  'data/real/crossref/api_responses/work-list_rcrossref_0.json.gz',
  'data/real/crossref/crossref_public_data_file_sample_1.json.gz',
  'data/real/hal/pyhal_search_authIdHal_olivier-devauchelle_ART.json.gz',
  'data/real/hal/dissemin_hal_record.xml.gz',
  'data/real/orcid/rorcid_api_v3.0/v3.0_0000-0002-3141-3057_person.json.gz',
  'data/real/orcid/rorcid_api_v3.0/v3.0_0000-0003-1444-9135_works.json.gz',
  'data/real/orcid/dissemin_api_v2_records/0000-0002-5710-3989.json.gz',
  'data/real/orcid/orcid-model_official_samples/works-3.0.xml.gz',
  'data/real/hal/dissemin_oai_hal.archives-ouvertes.fr_hal-00939473.xml.gz',
  'data/real/arxiv/arxiv.py_api_responses/file_tests_fixtures_search_query=au_del_maestro.xml.atom.xml.gz',
];

/** A fresh ingest database and a pool of its runtime role. */
export interface IngestDatabase {
  database: TestDatabase;
  pool: Pool;
  owner: Pool;
  close(): Promise<void>;
}

/** Creates a fresh database with the ingest migrations and pools of its runtime and owner roles. */
export async function openIngestDatabase(): Promise<IngestDatabase> {
  const database = await createTestDatabase({ services: ['ingest'] });
  const pool = createPool(database.services.ingest!.runtimeUrl, { statementTimeoutMs: 0 });
  const owner = createPool(database.services.ingest!.ownerUrl);
  return {
    database,
    pool,
    owner,
    close: async () => {
      await pool.end();
      await owner.end();
      await database.drop();
    },
  };
}

/** Reads the records of one real file with the parsers, as the import reads them. */
export async function parsedRecords(file: string): Promise<RecordItem[]> {
  const records: RecordItem[] = [];
  const absolute = path.resolve(ROOT, file);
  for await (const item of readRecords(absolute, { fileName: absolute })) {
    if (item.kind === 'record') records.push(item);
  }
  return records;
}

/** A real OpenAlex JSON Lines file of works. */
export const OPENALEX_WORKS = 'data/real/openalex/openalexpro_works.jsonl.gz';

/** The first `count` records of a real JSON Lines file, parsed as objects. */
export async function realJsonLines(file: string, count: number): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const reader = createInterface({ input: createReadStream(path.join(ROOT, file)).pipe(createGunzip()) });
  for await (const line of reader) {
    if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
    if (lines.length === count) break;
  }
  reader.close();
  return lines;
}

/** A temporary folder for files a test writes, removed by `remove`. */
export function temporaryFolder(): {
  path: string;
  write(name: string, content: string | Buffer): string;
  remove(): void;
} {
  const folder = mkdtempSync(path.join(tmpdir(), 'atlas-ingest-test-'));
  return {
    path: folder,
    write: (name, content) => {
      const file = path.join(folder, name);
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** Serialises records as JSON Lines. */
export function jsonLines(records: readonly unknown[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}
