/**
 * Restarts PostgreSQL with an immediate (crash-like) stop in the middle of an import while decisions
 * flow, and checks that the system recovers by itself: the import finishes, every record reaches
 * matching, nothing is dead-lettered and no acknowledged decision is lost.
 * Run: npm run reliability -- postgres-restart   (ATLAS_RELIABILITY_RECORDS sets the record count, 20000)
 * Final line: RESULT postgres-restart records=<n> ... lost_decisions=<l> ok=<bool>
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { embeddedPostgresBinaries } from '@atlas/local-stack';

import { registerCleanup } from './lib/cleanup';
import { writeDerivedWorks } from './lib/derived-records';
import { faultRunFields, faultRunPassed, runImportWithFault } from './lib/fault-run';
import { startScenario } from './lib/scenario';
import { log, resultLine, runScript } from './lib/script-main';

const RECORDS = Number(process.env['ATLAS_RELIABILITY_RECORDS'] ?? 20_000);
const TIMEOUT_MS = Number(process.env['ATLAS_RELIABILITY_TIMEOUT_MS'] ?? 15 * 60_000);

/** Restarts the stack's server with `pg_ctl restart -m immediate`, which reuses its start options. */
function restartPostgres(stackDirectory: string): void {
  const state = JSON.parse(readFileSync(path.join(stackDirectory, 'state.json'), 'utf8')) as {
    postgres: { dataDirectory: string };
  };
  // As root the server runs as the postgres account, and pg_ctl must too.
  const account =
    process.getuid?.() === 0
      ? {
          uid: Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
          gid: Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
        }
      : {};
  const result = spawnSync(
    embeddedPostgresBinaries().pgCtl,
    // Without -l the server would inherit this call's output pipes and spawnSync would never return.
    [
      'restart',
      '-D',
      state.postgres.dataDirectory,
      '-l',
      path.join(path.dirname(state.postgres.dataDirectory), 'postgres.log'),
      '-m',
      'immediate',
      '-w',
      '-t',
      '120',
    ],
    { encoding: 'utf8', ...account },
  );
  if (result.status !== 0) throw new Error(`pg_ctl restart failed: ${result.stderr}${result.stdout}`);
}

async function main(): Promise<number> {
  const deadline = Date.now() + TIMEOUT_MS;
  const directory = mkdtempSync(path.join(tmpdir(), 'atlas-postgres-restart-'));
  registerCleanup(async () => rmSync(directory, { recursive: true, force: true }));
  const file = await writeDerivedWorks(directory, RECORDS);
  const scenario = await startScenario('postgres-restart', 'restart', {
    importDirectory: directory,
    profiles: 10,
    maxWorksPerProfile: 1,
    log,
  });
  let downSeconds = 0;
  try {
    const report = await runImportWithFault(scenario, {
      file: path.basename(file),
      faultAtRecords: Math.floor(RECORDS / 3),
      decidingProfiles: 5,
      deadline,
      superuserUrl: () => scenario.superuserUrl,
      log,
      fault: async () => {
        log('pg_ctl restart -m immediate');
        const started = Date.now();
        restartPostgres(scenario.stack.directory);
        downSeconds = (Date.now() - started) / 1000;
        log(`PostgreSQL accepts connections again after ${downSeconds.toFixed(1)} s`);
      },
    });
    log(JSON.stringify(report));
    const ok = faultRunPassed(report);
    log(
      resultLine('postgres-restart', {
        records: RECORDS,
        down_s: downSeconds.toFixed(1),
        ...faultRunFields(report),
        ok,
      }),
    );
    return ok ? 0 : 1;
  } finally {
    await scenario.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

runScript(main);
