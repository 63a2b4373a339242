/**
 * Runs the services against a 3-node NATS JetStream cluster on loopback and kills, then restarts, the
 * node that leads the ingest stream while an import and decisions flow. Checks that the import
 * finishes, every record reaches matching, nothing is dead-lettered and no acknowledged decision is lost.
 * Run: npm run reliability -- nats-node-fault   (ATLAS_RELIABILITY_RECORDS sets the record count, 3000)
 * Final line: RESULT nats-node-fault records=<n> ... lost_decisions=<l> ok=<bool>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

import { registerCleanup } from './lib/cleanup';
import { writeDerivedWorks } from './lib/derived-records';
import { faultRunPassed, runImportWithFault } from './lib/fault-run';
import { NatsCluster } from './lib/nats-cluster';
import { startScenario } from './lib/scenario';
import { log, resultLine, runScript } from './lib/script-main';

const RECORDS = Number(process.env['ATLAS_RELIABILITY_RECORDS'] ?? 3_000);
const TIMEOUT_MS = Number(process.env['ATLAS_RELIABILITY_TIMEOUT_MS'] ?? 15 * 60_000);
/** Seconds the node stays down. */
const DOWN_SECONDS = 10;

/** Name of the server that leads the INGEST stream, the one whose loss stops record events. */
async function ingestStreamLeader(url: string): Promise<string> {
  const nc = await connect({ servers: url.split(','), name: 'reliability-leader' });
  try {
    const info = await (await jetstreamManager(nc)).streams.info('INGEST');
    const leader = info.cluster?.leader;
    if (!leader) throw new Error('The INGEST stream reports no cluster leader');
    return leader;
  } finally {
    await nc.close();
  }
}

async function main(): Promise<number> {
  const deadline = Date.now() + TIMEOUT_MS;
  const directory = mkdtempSync(path.join(tmpdir(), 'atlas-nats-node-fault-'));
  registerCleanup(async () => rmSync(directory, { recursive: true, force: true }));
  const cluster = await NatsCluster.start(path.join(directory, 'nats'));
  registerCleanup(() => cluster.stop());
  log(`NATS cluster of 3 nodes at ${cluster.url}`);
  const file = await writeDerivedWorks(directory, RECORDS);

  const scenario = await startScenario('nats-node-fault', 'cluster', {
    natsUrl: cluster.url,
    importDirectory: directory,
    profiles: 10,
    maxWorksPerProfile: 1,
    log,
  });
  let victim = '';
  try {
    const report = await runImportWithFault(scenario, {
      file: path.basename(file),
      faultAtRecords: Math.floor(RECORDS / 3),
      decidingProfiles: 5,
      deadline,
      superuserUrl: () => scenario.superuserUrl,
      log,
      fault: async () => {
        victim = await ingestStreamLeader(cluster.url);
        log(`kill -9 NATS node ${victim}, the INGEST stream leader`);
        await cluster.kill(victim);
        await new Promise((resolve) => setTimeout(resolve, DOWN_SECONDS * 1000));
        await cluster.restart(victim);
        log(`NATS node ${victim} restarted; cluster healthy`);
      },
    });
    log(JSON.stringify(report));
    const ok = faultRunPassed(report);
    log(
      resultLine('nats-node-fault', {
        records: RECORDS,
        killed: victim,
        down_s: DOWN_SECONDS,
        import: report.importStatus,
        raw: report.rawRecords,
        matched: report.matchedRecords,
        acknowledged: report.acknowledged,
        lost_decisions: report.lostDecisions,
        dead_letters: report.deadLetters,
        recovery_s: report.recoverySeconds.toFixed(0),
        ok,
      }),
    );
    return ok ? 0 : 1;
  } finally {
    await scenario.stop();
    await cluster.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

runScript(main);
