/**
 * Kills each service with SIGKILL in turn, and restarts it, during an import of records derived from
 * the real ones and again during a sweep of decisions. Then it compares the end state by natural keys
 * against an undisturbed run of the same input: nothing lost, nothing duplicated, every acknowledged
 * decision kept.
 * Run: npm run reliability -- process-faults   (ATLAS_RELIABILITY_RECORDS sets the record count, 100000)
 * Final line: RESULT process-faults records=<n> kills=<k> reviewed=<c> withdrawn=<w> acknowledged=<a> missing=<m> extra=<e>
 *   lost_decisions=<l> repeated_acts=<r> unreviewed=<u> ok=<bool>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { SERVICE_NAMES } from '@atlas/config';
import type { ServiceName } from '@atlas/config';

import { registerCleanup } from './lib/cleanup';
import { reviewAll } from './lib/decider';
import type { AcknowledgedDecision, ReviewProgress } from './lib/decider';
import { writeDerivedWorks } from './lib/derived-records';
import { diffEndStates, missingActs, readEndState, repeatedPersonActs } from './lib/end-state';
import type { EndState } from './lib/end-state';
import { waitForDrain } from './lib/pipeline-drain';
import { startScenario } from './lib/scenario';
import { runScript } from './lib/script-main';
import type { Scenario } from './lib/scenario';

const RECORDS = Number(process.env['ATLAS_RELIABILITY_RECORDS'] ?? 100_000);
const PROFILES = 10;
/** Services killed during the review sweep: the decision path, then the consumers of decision events. */
const SWEEP_KILLS = ['verification', 'gateway', 'matching', 'notification'] as const;
/** Facts that must match after the review too, not only after the import. */
const REVIEW_COMPARED: readonly string[] = ['rawRecords', 'candidateKeys'];
/** Upper bound of one scenario, so a system that never recovers ends the run instead of hanging it. */
const SCENARIO_TIMEOUT_MS = Number(process.env['ATLAS_RELIABILITY_TIMEOUT_MS'] ?? 25 * 60_000);
/** Pause between a kill and the restart, so that in-flight work really breaks. */
const DOWN_MS = 2_000;

const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

interface ScenarioResult {
  /** End state once the import drained, before any decision of a person. */
  imported: EndState;
  /** End state after the decision sweeps. */
  state: EndState;
  repeatedActs: number;
  acknowledged: AcknowledgedDecision[];
  /** Candidates listed by the review sweep, and those that ended with their decision. */
  review: ReviewProgress;
  lostDecisions: string[];
  kills: number;
  deadLetters: number;
}

async function countRows(superuserUrl: string, sql: string, values: unknown[] = []): Promise<number> {
  const client = new Client({ connectionString: superuserUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ count: string }>(sql, values);
    return Number(rows[0]!.count);
  } catch {
    return -1;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function killAndRestart(scenario: Scenario, name: ServiceName): Promise<void> {
  log(`kill -9 ${name} (pid ${scenario.fleet.pid(name)})`);
  await scenario.fleet.kill(name, 'SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
  await scenario.fleet.restart(name);
  log(`${name} restarted and ready`);
}

/** Kills each service once while the import runs, spread over its progress. */
async function killDuringImport(scenario: Scenario, runId: string): Promise<number> {
  let kills = 0;
  for (const [index, name] of SERVICE_NAMES.entries()) {
    const threshold = Math.floor((RECORDS * (index + 1)) / (SERVICE_NAMES.length + 1));
    while (
      (await countRows(scenario.superuserUrl, 'SELECT count(*) FROM ingest.raw_records')) < threshold &&
      (await countRows(
        scenario.superuserUrl,
        `SELECT count(*) FROM ingest.import_runs WHERE id = $1 AND status = 'succeeded'`,
        [runId],
      )) < 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    await killAndRestart(scenario, name);
    kills += 1;
  }
  return kills;
}

/**
 * Kills the services of `SWEEP_KILLS` in turn while the review sweep runs, each after another fifth
 * of the listed candidates has its decision, so that decisions are in flight at every kill.
 */
async function killDuringReview(
  scenario: Scenario,
  review: ReviewProgress,
  sweepDone: () => boolean,
): Promise<number> {
  let kills = 0;
  for (const [index, name] of SWEEP_KILLS.entries()) {
    while (!sweepDone() && (review.listed === 0 || review.reviewed < (review.listed * (index + 1)) / 5)) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (sweepDone()) log(`the review sweep ended before the kill of ${name}`);
    await killAndRestart(scenario, name);
    kills += 1;
  }
  return kills;
}

async function runScenario(name: string, file: string, withFaults: boolean): Promise<ScenarioResult> {
  const deadline = Date.now() + SCENARIO_TIMEOUT_MS;
  const scenario = await startScenario('process-faults', name, {
    importDirectory: path.dirname(file),
    profiles: PROFILES,
    maxWorksPerProfile: 1,
    log,
  });
  try {
    const runId = await scenario.api.startImport(path.basename(file));
    log(`${name}: import ${runId} of ${RECORDS} records started`);
    let kills = withFaults ? await killDuringImport(scenario, runId) : 0;

    const importDone = async () =>
      (await countRows(
        scenario.superuserUrl,
        `SELECT count(*) FROM ingest.import_runs WHERE id = $1 AND status = 'succeeded'`,
        [runId],
      )) === 1;
    await waitForDrain(scenario.superuserUrl, scenario.natsUrl, {
      timeoutMs: deadline - Date.now(),
      isDone: importDone,
      log: (line) => log(`${name}: ${line}`),
    });
    log(`${name}: import and matching drained`);
    const imported = await readEndState(scenario.superuserUrl);

    const acknowledged: AcknowledgedDecision[] = [];
    const review: ReviewProgress = { listed: 0, reviewed: 0, withdrawn: 0 };
    let sweepDone = false;
    const sweep = reviewAll(scenario.api, scenario.profileIds, acknowledged, deadline, review).finally(() => {
      sweepDone = true;
    });
    if (withFaults) kills += await killDuringReview(scenario, review, () => sweepDone);
    const first = await sweep;
    // A second sweep finds nothing to do unless a decision of the first was lost or undone.
    const second = await reviewAll(scenario.api, scenario.profileIds, acknowledged, deadline);
    log(`${name}: review ${JSON.stringify(review)}, ${JSON.stringify(first)} then ${JSON.stringify(second)}`);

    const backlog = await waitForDrain(scenario.superuserUrl, scenario.natsUrl, {
      timeoutMs: Math.max(deadline - Date.now(), 10_000),
      log: (line) => log(`${name}: ${line}`),
    });
    const state = await readEndState(scenario.superuserUrl);
    const lostDecisions = await missingActs(
      scenario.superuserUrl,
      acknowledged.map((decision) => decision.actId),
    );
    const repeatedActs = await repeatedPersonActs(scenario.superuserUrl);
    return {
      imported,
      state,
      repeatedActs,
      acknowledged,
      review,
      lostDecisions,
      kills,
      deadLetters: backlog.deadLetters,
    };
  } finally {
    await scenario.stop();
  }
}

async function main(): Promise<number> {
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'atlas-process-faults-data-'));
  registerCleanup(async () => rmSync(dataDirectory, { recursive: true, force: true }));
  try {
    const file = await writeDerivedWorks(dataDirectory, RECORDS);
    log(`wrote ${RECORDS} derived records to ${file}`);
    const baseline = await runScenario('undisturbed', file, false);
    const faulted = await runScenario('faulted', file, true);

    // The import's outcome must match exactly. After the review, records and candidates must still
    // match by natural key, but their statuses, the audit trail, authorships and reminders are shown
    // only: matching's re-scoring after each decision can withdraw a reopened candidate before the
    // review decides it, and which ones depends on timing. The review is judged instead by the
    // acknowledged-decision, repeated-act and unreviewed checks.
    let missing = 0;
    let extra = 0;
    for (const [stage, expected, actual] of [
      ['after import', baseline.imported, faulted.imported],
      ['after review', baseline.state, faulted.state],
    ] as const) {
      for (const [kind, facts] of Object.entries(diffEndStates(expected, actual))) {
        const compared = stage === 'after import' || REVIEW_COMPARED.includes(kind);
        log(
          `${stage.padEnd(12)} ${kind.padEnd(17)} undisturbed=${facts.expected} faulted=${facts.actual} ` +
            `missing=${facts.missing} extra=${facts.extra}${compared ? '' : ' (shown only)'}` +
            (facts.examples.length > 0 ? ` e.g. ${facts.examples.join('; ')}` : ''),
        );
        if (compared) {
          missing += facts.missing;
          extra += facts.extra;
        }
      }
    }
    const lost = faulted.lostDecisions.length + baseline.lostDecisions.length;
    const acknowledged = new Set(faulted.acknowledged.map((d) => d.actId)).size;
    log(
      `acknowledged acts: undisturbed=${new Set(baseline.acknowledged.map((d) => d.actId)).size} ` +
        `faulted=${acknowledged} lost=${lost}; ` +
        `dead letters: undisturbed=${baseline.deadLetters} faulted=${faulted.deadLetters}`,
    );
    const unreviewed = [baseline.review, faulted.review].reduce(
      (sum, review) => sum + review.listed - review.reviewed - review.withdrawn,
      0,
    );
    const repeated = baseline.repeatedActs + faulted.repeatedActs;
    const ok =
      missing === 0 &&
      extra === 0 &&
      lost === 0 &&
      repeated === 0 &&
      unreviewed === 0 &&
      faulted.review.listed > 0;
    log(
      `RESULT process-faults records=${RECORDS} kills=${faulted.kills} reviewed=${faulted.review.reviewed} ` +
        `withdrawn=${faulted.review.withdrawn} ` +
        `acknowledged=${acknowledged} missing=${missing} extra=${extra} lost_decisions=${lost} ` +
        `repeated_acts=${repeated} unreviewed=${unreviewed} ok=${ok}`,
    );
    return ok ? 0 : 1;
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

runScript(main);
