import { SingleBar, Presets } from 'cli-progress';

import { createPool } from '@atlas/database';
import { runImport } from '@atlas/ingest-import';
import { startStack } from '@atlas/local-stack';

import type { ImportProgress } from '@atlas/ingest-import';

import { prepareDatabase } from '../stack/prepare-database';
import { IMPORT_USAGE, parseImportCommand } from './import-options';
import { formatSummary } from './import-summary';

const USAGE = `Usage: npm run atlas -- <command>\n\nCommands:\n  import   import source files into raw records\n\n${IMPORT_USAGE}`;

/** The ingest runtime-role URL: ATLAS_INGEST_DATABASE_URL, or the local stack's, prepared on demand. */
async function ingestDatabaseUrl(): Promise<string> {
  const given = process.env['ATLAS_INGEST_DATABASE_URL'];
  if (given) return given;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const connection = await startStack({ log });
  const environment = await prepareDatabase(connection.databaseUrl, { info: () => undefined });
  return environment['ATLAS_INGEST_DATABASE_URL']!;
}

function progressBar(enabled: boolean): { update(progress: ImportProgress): void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      format:
        'import [{bar}] {percentage}% | {inserted} new, {updated} updated, {unchanged} unchanged, {rejected} rejected',
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(progress) {
      if (!started) bar.start(progress.bytesTotal, 0, {});
      started = true;
      bar.update(progress.bytesDone, { ...progress.counts });
    },
    stop: () => started && bar.stop(),
  };
}

async function importCommand(args: string[]): Promise<number> {
  const command = parseImportCommand(args);
  const pool = createPool(await ingestDatabaseUrl(), {
    applicationName: 'atlas-import',
    statementTimeoutMs: 0,
  });
  const bar = progressBar(command.progress);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  try {
    const report = await runImport(pool, command.request, {
      ...(command.batchSize ? { limits: { maxRecords: command.batchSize } } : {}),
      onProgress: (progress) => bar.update(progress),
      signal: stop.signal,
    });
    bar.stop();
    process.stdout.write(`${command.json ? JSON.stringify(report) : formatSummary(report)}\n`);
    return report.status === 'succeeded' ? 0 : 1;
  } finally {
    bar.stop();
    await pool.end();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'import') return importCommand(args);
  process.stderr.write(`${command ? `Unknown command "${command}".\n\n` : ''}${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
