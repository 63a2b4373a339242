import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

import { ImportRunFinishedV1 } from '@atlas/contracts';

import { runImport } from '../index';
import { ROOT, openIngestDatabase } from '../../test/import-fixtures';
import type { IngestDatabase } from '../../test/import-fixtures';

const FILES = [
  'data/real/openalex/openalexpro_works.jsonl.gz',
  'data/real/openalex/api_responses/openalexpro_works_page_cursor_50results.json.gz',
  'data/real/crossref/api_responses/work-list_rcrossref_0.json.gz',
];
const BATCH_SIZE = 25;

/** Starts the import command line on the files, against the given runtime-role database. */
function startImportProcess(databaseUrl: string): {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
} {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'tools/ingest/atlas-cli.ts',
      'import',
      ...FILES,
      '--batch-size',
      String(BATCH_SIZE),
      '--json',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ATLAS_INGEST_DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => `${stdout}\n${stderr}` };
}

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Natural keys of the stored versions, and the number of record events of each record. */
async function storedState(db: IngestDatabase) {
  const versions = await db.owner.query<{ key: string }>(
    `SELECT source || '|' || source_id || '|' || checksum AS key FROM raw_records ORDER BY 1`,
  );
  const events = await db.owner.query<{ key: string; n: number }>(
    `SELECT subject || '|' || (payload->>'entityId') AS key, count(*)::int AS n
     FROM outbox_events WHERE subject <> $1 GROUP BY 1 ORDER BY 1`,
    [ImportRunFinishedV1.subject],
  );
  return { versions: versions.rows.map((row) => row.key), events: events.rows };
}

describe('import resumed after the process is killed', () => {
  let killed: IngestDatabase;
  let undisturbed: IngestDatabase;

  beforeAll(async () => {
    [killed, undisturbed] = await Promise.all([openIngestDatabase(), openIngestDatabase()]);
  });

  afterAll(async () => {
    await killed?.close();
    await undisturbed?.close();
  });

  it('ends in the state of an undisturbed import', async () => {
    const runtimeUrl = killed.database.services.ingest!.runtimeUrl;
    const first = startImportProcess(runtimeUrl);
    const committedItems = async () =>
      Number(
        (await killed.owner.query(`SELECT COALESCE(sum(items_committed), 0) AS n FROM import_run_files`))
          .rows[0].n,
      );
    await waitFor(async () => (await committedItems()) > 0, 60_000, 'the first committed batch');
    first.child.kill('SIGKILL');
    await first.exited;

    const interrupted = await killed.owner.query(`SELECT id, status FROM import_runs`);
    expect(interrupted.rows).toEqual([{ id: expect.any(String), status: 'running' }]);
    const itemsBeforeRestart = await committedItems();

    const second = startImportProcess(runtimeUrl);
    expect(await second.exited).toBe(0);
    const report = JSON.parse(second.output().split('\n')[0]!) as { id: string; status: string };
    expect(report.id).toBe(interrupted.rows[0].id);
    expect(report.status).toBe('succeeded');
    expect(await committedItems()).toBeGreaterThan(itemsBeforeRestart);

    const reference = await runImport(
      undisturbed.pool,
      { inputs: FILES, cwd: ROOT, resume: 'never' },
      {
        limits: { maxRecords: BATCH_SIZE },
      },
    );
    expect(reference.status).toBe('succeeded');
    const resumedState = await storedState(killed);
    const referenceState = await storedState(undisturbed);
    expect(resumedState.versions.length).toBeGreaterThan(600);
    expect(resumedState.versions).toEqual(referenceState.versions);
    expect(resumedState.events).toEqual(referenceState.events);
    expect(resumedState.events.every((row) => row.n === 1)).toBe(true);
  }, 120_000);
});
