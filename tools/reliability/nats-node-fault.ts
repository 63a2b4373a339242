/**
 * Runs the services against a 3-node NATS JetStream cluster on loopback and kills, then restarts, the
 * node that leads the ingest stream while an import and decisions flow. The services get the URLs of
 * all three nodes and keep three copies of each stream. Checks that the import finishes, every record
 * reaches matching, nothing is dead-lettered and no acknowledged decision is lost.
 * Run: npm run reliability -- nats-node-fault   (ATLAS_RELIABILITY_RECORDS sets the record count, 20000)
 * Final line: RESULT nats-node-fault records=<n> ... lost_decisions=<l> ok=<bool>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

import { NatsCluster } from '@atlas/testing';

import { registerCleanup } from './lib/cleanup';
import { writeDerivedWorks } from './lib/derived-records';
import { faultRunFields, faultRunPassed, runImportWithFault } from './lib/fault-run';
import { startScenario } from './lib/scenario';
import { log, resultLine, runScript } from './lib/script-main';

const RECORDS = Number(process.env['ATLAS_RELIABILITY_RECORDS'] ?? 20_000);
const TIMEOUT_MS = Number(process.env['ATLAS_RELIABILITY_TIMEOUT_MS'] ?? 15 * 60_000);
/** Seconds the node stays down. */
const DOWN_SECONDS = 10;

/** Returns the server that leads the INGEST stream, whose loss interrupts record events, and the stream's copy count. */
async function ingestStreamPlacement(url: string): Promise<{ leader: string; copies: number }> {
  const nc = await connect({ servers: url.split(','), name: 'reliability-leader' });
  try {
    const info = await (await jetstreamManager(nc)).streams.info('INGEST');
    const leader = info.cluster?.leader;
    if (!leader) throw new Error('The INGEST stream reports no cluster leader');
    return { leader, copies: 1 + (info.cluster?.replicas?.length ?? 0) };
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
    streamReplicas: 3,
    importDirectory: directory,
    profiles: 10,
    maxWorksPerProfile: 1,
    log,
  });
  let victim = '';
  let copies = 0;
  try {
    const report = await runImportWithFault(scenario, {
      file: path.basename(file),
      faultAtRecords: Math.floor(RECORDS / 3),
      decidingProfiles: 5,
      deadline,
      superuserUrl: () => scenario.superuserUrl,
      log,
      fault: async () => {
        ({ leader: victim, copies } = await ingestStreamPlacement(cluster.url));
        log(`kill -9 NATS node ${victim}, the leader of the INGEST stream's ${copies} copies`);
        await cluster.kill(victim);
        await new Promise((resolve) => setTimeout(resolve, DOWN_SECONDS * 1000));
        await cluster.restart(victim);
        log(`NATS node ${victim} restarted; cluster healthy`);
      },
    });
    log(JSON.stringify(report));
    const ok = faultRunPassed(report) && copies === 3;
    log(
      resultLine('nats-node-fault', {
        records: RECORDS,
        killed: victim,
        stream_copies: copies,
        down_s: DOWN_SECONDS,
        ...faultRunFields(report),
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
