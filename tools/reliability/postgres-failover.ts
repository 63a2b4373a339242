/**
 * Runs the services against a PostgreSQL primary with a synchronous streaming standby, reached
 * through a loopback TCP proxy that stands in for CloudNativePG's read-write service. In the middle
 * of an import with decisions flowing, the primary crashes (immediate stop), the standby is promoted
 * and the proxy repointed. Checks that no acknowledged decision is missing on the new primary, the
 * import finishes and every record reaches matching.
 * Run: npm run reliability -- postgres-failover   (ATLAS_RELIABILITY_RECORDS sets the record count, 20000)
 * Final line: RESULT postgres-failover records=<n> ... lost_decisions=<l> ok=<bool>
 */
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { registerCleanup } from './lib/cleanup';
import { writeDerivedWorks } from './lib/derived-records';
import { faultRunFields, faultRunPassed, runImportWithFault } from './lib/fault-run';
import { PostgresPair } from './lib/postgres-pair';
import { startScenario } from './lib/scenario';
import { log, resultLine, runScript } from './lib/script-main';
import { TcpProxy } from './lib/tcp-proxy';

const RECORDS = Number(process.env['ATLAS_RELIABILITY_RECORDS'] ?? 20_000);
const TIMEOUT_MS = Number(process.env['ATLAS_RELIABILITY_TIMEOUT_MS'] ?? 15 * 60_000);

async function main(): Promise<number> {
  const deadline = Date.now() + TIMEOUT_MS;
  const directory = mkdtempSync(path.join(tmpdir(), 'atlas-postgres-failover-'));
  // The servers run as the postgres account when this runs as root, so it must reach the folder.
  chmodSync(directory, 0o755);
  registerCleanup(async () => rmSync(directory, { recursive: true, force: true }));
  const pair = await PostgresPair.start(path.join(directory, 'postgres'));
  registerCleanup(async () => pair.stop());
  const proxy = await TcpProxy.start(pair.primary.port);
  registerCleanup(() => proxy.close());
  log(`primary on ${pair.primary.port}, synchronous standby on ${pair.standby.port}, proxy on ${proxy.port}`);

  const file = await writeDerivedWorks(directory, RECORDS);
  const scenario = await startScenario('postgres-failover', 'failover', {
    databaseUrl: pair.url(proxy.port),
    importDirectory: directory,
    profiles: 10,
    maxWorksPerProfile: 1,
    log,
  });
  let failoverSeconds = 0;
  try {
    const report = await runImportWithFault(scenario, {
      file: path.basename(file),
      faultAtRecords: Math.floor(RECORDS / 3),
      decidingProfiles: 5,
      deadline,
      superuserUrl: () => pair.url(proxy.port),
      log,
      fault: async () => {
        const started = Date.now();
        log('primary: pg_ctl stop -m immediate');
        pair.crashPrimary();
        pair.promoteStandby();
        proxy.repoint(pair.standby.port);
        failoverSeconds = (Date.now() - started) / 1000;
        log(`standby promoted and proxy repointed after ${failoverSeconds.toFixed(1)} s`);
      },
    });
    log(JSON.stringify(report));
    const ok = faultRunPassed(report);
    log(
      resultLine('postgres-failover', {
        records: RECORDS,
        failover_s: failoverSeconds.toFixed(1),
        ...faultRunFields(report),
        ok,
      }),
    );
    return ok ? 0 : 1;
  } finally {
    await scenario.stop();
    await proxy.close();
    pair.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

runScript(main);
