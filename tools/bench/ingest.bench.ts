// Imports the real OpenAlex and Crossref files end to end into a fresh database, then loads the same
// raw rows and outbox rows with psql \copy into another fresh database, and compares the rates. It then
// imports one large generated file of the real OpenAlex works, to show that peak memory does not grow
// with the file.
// Run: npx tsx tools/bench/ingest.bench.ts
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { createGzip, gunzipSync } from 'node:zlib';

import { findWorkspaceRoot, startStack, stackEnvironment } from '@atlas/local-stack';
import { createTestDatabase } from '@atlas/testing';

import type { ImportRunReport } from '@atlas/ingest-import';

const root = findWorkspaceRoot();
const INPUTS = ['data/real/openalex', 'data/real/crossref'];
/** Real OpenAlex work files that the large-file run repeats. */
const LARGE_SOURCES = [
  'data/real/openalex/academic-explorer_works.jsonl.gz',
  'data/real/openalex/openalexpro_works.jsonl.gz',
];
/** Copies of those works in the large file; each copy gets its own OpenAlex ids. */
const LARGE_COPIES = 8;

function psql(url: string, command: string): void {
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', command], { stdio: 'inherit' });
}

function count(url: string, table: string): number {
  return Number(
    execFileSync('psql', [url, '-At', '-c', `SELECT count(*) FROM ${table}`], { encoding: 'utf8' }).trim(),
  );
}

/** Heap limit of the import process, in MB, as in tools/scripts/atlas.mjs. */
const IMPORT_HEAP_MB = 160;

/**
 * Writes one gzip JSON-lines file holding every real OpenAlex work `copies` times. Each copy rewrites
 * the work id (`W123` becomes `W9<copy>123`), so every line is a new record for the import.
 */
async function writeLargeFile(file: string, copies: number): Promise<number> {
  const lines = LARGE_SOURCES.flatMap((source) =>
    gunzipSync(readFileSync(path.join(root, source)))
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim().length > 0),
  );
  const gzip = createGzip();
  const done = finished(gzip.pipe(createWriteStream(file)));
  let written = 0;
  for (let copy = 1; copy <= copies; copy += 1) {
    for (const line of lines) {
      const work = JSON.parse(line) as { id?: string };
      if (typeof work.id === 'string') work.id = work.id.replace(/W(\d+)$/, `W9${copy}$1`);
      if (!gzip.write(`${JSON.stringify(work)}\n`))
        await new Promise((resolve) => gzip.once('drain', resolve));
      written += 1;
    }
  }
  gzip.end();
  await done;
  return written;
}

/** Runs the import command as its own process; returns its report and peak resident memory in MB. */
function importWithCli(databaseUrl: string, inputs: string[]): { report: ImportRunReport; rssMb: number } {
  // The import runs as one Node process with the heap cap that `npm run atlas` gives it.
  const node = [`--max-old-space-size=${IMPORT_HEAP_MB}`, '--import', 'tsx', 'tools/ingest/atlas-cli.ts'];
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', 'maxrss_kb=%M', process.execPath, ...node, 'import', ...inputs, '--json', '--new'],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ATLAS_INGEST_DATABASE_URL: databaseUrl },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const rss = /maxrss_kb=(\d+)/.exec(result.stderr ?? '');
  if (result.status !== 0 || !rss) throw new Error(`import failed (${result.status}): ${result.stderr}`);
  return { report: JSON.parse(result.stdout) as ImportRunReport, rssMb: Number(rss[1]) / 1024 };
}

function seconds(report: ImportRunReport): number {
  return (Date.parse(report.finishedAt!) - Date.parse(report.startedAt!)) / 1000;
}

/** Loads the dumped rows with psql \copy into a fresh database; returns the wall time in seconds. */
function copyBaseline(url: string, rawFile: string, outboxFile: string): number {
  const started = process.hrtime.bigint();
  execFileSync(
    'psql',
    [
      url,
      '-v',
      'ON_ERROR_STOP=1',
      '-q',
      '-c',
      `\\copy raw_records FROM '${rawFile}'`,
      '-c',
      `\\copy outbox_events FROM '${outboxFile}'`,
    ],
    { stdio: 'inherit' },
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main(): Promise<void> {
  const connection = await startStack({ log: () => undefined });
  process.env['DATABASE_URL'] ??= stackEnvironment(connection)['DATABASE_URL'];
  const ours = await createTestDatabase({ services: ['ingest'] });
  const baseline = await createTestDatabase({ services: ['ingest'] });
  const large = await createTestDatabase({ services: ['ingest'] });
  const folder = mkdtempSync(path.join(tmpdir(), 'atlas-ingest-bench-'));
  try {
    const { report, rssMb } = importWithCli(ours.services.ingest!.runtimeUrl, INPUTS);
    const importSeconds = seconds(report);
    const ownerUrl = ours.services.ingest!.ownerUrl;
    const rows = count(ownerUrl, 'raw_records');
    const events = count(ownerUrl, 'outbox_events');

    const rawFile = path.join(folder, 'raw_records.copy');
    const outboxFile = path.join(folder, 'outbox_events.copy');
    psql(ownerUrl, `\\copy raw_records TO '${rawFile}'`);
    psql(ownerUrl, `\\copy outbox_events TO '${outboxFile}'`);
    const copySeconds = copyBaseline(baseline.services.ingest!.runtimeUrl, rawFile, outboxFile);

    const ourRate = rows / importSeconds;
    const copyRate = rows / copySeconds;
    console.log(`inputs:        ${INPUTS.join(' ')} (${report.files.length} files)`);
    console.log(
      `import:        ${importSeconds.toFixed(2)} s, ${ourRate.toFixed(0)} raw rows/s, ${events} outbox rows`,
    );
    console.log(`counts:        ${JSON.stringify(report.counts)}`);
    console.log(
      `psql \\copy:    ${copySeconds.toFixed(2)} s, ${copyRate.toFixed(0)} raw rows/s (same raw and outbox rows)`,
    );
    console.log(`peak RSS:      ${rssMb.toFixed(0)} MB (import process)`);

    const largeFile = path.join(folder, 'openalex-works-large.jsonl.gz');
    const largeLines = await writeLargeFile(largeFile, LARGE_COPIES);
    const largeRun = importWithCli(large.services.ingest!.runtimeUrl, [largeFile]);
    const largeRows = count(large.services.ingest!.ownerUrl, 'raw_records');
    console.log(
      `large file:    ${largeLines} lines (${LARGE_COPIES} copies of the real OpenAlex works), ` +
        `${largeRows} raw rows in ${seconds(largeRun.report).toFixed(2)} s, peak RSS ${largeRun.rssMb.toFixed(0)} MB`,
    );
    // The reported peak is the larger of the two runs, so it covers a file of any size measured here.
    const peakMb = Math.max(rssMb, largeRun.rssMb);
    console.log(
      `RESULT ingest ratio=${(ourRate / copyRate).toFixed(2)} rows=${rows} rss_mb=${peakMb.toFixed(0)}`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await ours.drop();
    await baseline.drop();
    await large.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
