import { Client } from 'pg';

import { toggleOnce } from './decider';
import type { AcknowledgedDecision, SweepCounts, ToggledCandidate } from './decider';
import { missingActs } from './end-state';
import { waitForDrain } from './pipeline-drain';
import type { Scenario } from './scenario';

/** Outcome of an import with a fault in its middle. */
export interface FaultRunReport {
  importStatus: string;
  rawRecords: number;
  matchedRecords: number;
  candidates: number;
  acknowledged: number;
  /** Acts acknowledged from the fault's start until it ended; 0 means no decision met the fault. */
  acknowledgedDuringFault: number;
  /** Whether the import was still running when the fault began. */
  importRunningAtFault: boolean;
  lostDecisions: number;
  deadLetters: number;
  decisionStatuses: Record<string, number>;
  /** Seconds from the fault's start until the pipeline drained. */
  recoverySeconds: number;
}

const RAW_RECORDS_SQL = 'SELECT count(DISTINCT (source, source_id)) AS value FROM ingest.raw_records';
const MATCHED_RECORDS_SQL = 'SELECT count(*) AS value FROM matching.records';

async function queryNumber(superuserUrl: string, sql: string, values: unknown[] = []): Promise<number> {
  const client = new Client({ connectionString: superuserUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ value: string }>(sql, values);
    return Number(rows[0]!.value);
  } catch {
    return -1;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function importStatus(superuserUrl: string, runId: string): Promise<string> {
  const client = new Client({ connectionString: superuserUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ status: string }>(
      'SELECT status FROM ingest.import_runs WHERE id = $1',
      [runId],
    );
    return rows[0]?.status ?? 'missing';
  } catch {
    return 'unreadable';
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Candidates of the profiles as the database has them now; empty while it cannot be read. */
async function candidatesOf(superuserUrl: string, profileIds: string[]): Promise<ToggledCandidate[]> {
  const client = new Client({ connectionString: superuserUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ id: string; profile_id: string; status: string }>(
      `SELECT id::text, profile_id::text, status FROM verification.candidate_matches
       WHERE profile_id = ANY($1::uuid[]) ORDER BY id`,
      [profileIds],
    );
    return rows.map((row) => ({ id: row.id, profileId: row.profile_id, status: row.status, acts: 0 }));
  } catch {
    return [];
  } finally {
    await client.end().catch(() => undefined);
  }
}

function addStatuses(total: Record<string, number>, counts: SweepCounts): void {
  for (const [status, count] of Object.entries(counts.statuses)) total[status] = (total[status] ?? 0) + count;
}

/** Seconds the decision loop keeps going after the fault ended, so acts also cross the recovery. */
const DECIDING_AFTER_FAULT_MS = 15_000;

/**
 * Imports a file through the gateway and runs `fault` once `faultAtRecords` raw records are stored
 * and the decision loop has candidates to work on. The loop moves each candidate of the first
 * profiles between uncertain and pending (deciding and reopening it), so that acts flow before,
 * through and after the fault. Afterwards it waits until the pipeline drains (bounded by `deadline`)
 * and checks what survived. `superuserUrl()` is called on each use because a failover changes it.
 */
export async function runImportWithFault(
  scenario: Scenario,
  options: {
    file: string;
    faultAtRecords: number;
    decidingProfiles: number;
    deadline: number;
    superuserUrl: () => string;
    fault: () => Promise<void>;
    log: (line: string) => void;
  },
): Promise<FaultRunReport> {
  const runId = await scenario.api.startImport(options.file);
  options.log(`import ${runId} started`);
  const deciding = scenario.profileIds.slice(0, options.decidingProfiles);
  const acknowledged: AcknowledgedDecision[] = [];
  const statuses: Record<string, number> = {};
  const toggled = new Map<string, ToggledCandidate>();
  let deciderRunning = true;
  const decider = (async () => {
    while (deciderRunning && Date.now() < options.deadline) {
      for (const candidate of await candidatesOf(options.superuserUrl(), deciding)) {
        if (!toggled.has(candidate.id)) toggled.set(candidate.id, candidate);
      }
      const counts: SweepCounts = { acknowledged: 0, failed: 0, statuses: {} };
      await toggleOnce(scenario.api, [...toggled.values()], acknowledged, counts);
      addStatuses(statuses, counts);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();

  while (
    ((await queryNumber(options.superuserUrl(), 'SELECT count(*) AS value FROM ingest.raw_records')) <
      options.faultAtRecords ||
      acknowledged.length === 0) &&
    Date.now() < options.deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const importRunningAtFault = (await importStatus(options.superuserUrl(), runId)) === 'running';
  if (!importRunningAtFault)
    options.log(
      'the import had ended before the fault; set ATLAS_RELIABILITY_RECORDS higher for a longer import',
    );
  const faultStarted = Date.now();
  const acknowledgedBefore = acknowledged.length;
  await options.fault();
  const acknowledgedDuringFault = acknowledged.length - acknowledgedBefore;
  const faultEnded = Date.now();

  // The decision loop keeps events flowing, so wait for the import and matching to catch up first.
  while (Date.now() < options.deadline) {
    const url = options.superuserUrl();
    const imported = (await importStatus(url, runId)) === 'succeeded';
    const raw = await queryNumber(url, RAW_RECORDS_SQL);
    const matched = await queryNumber(url, MATCHED_RECORDS_SQL);
    if (imported && raw > 0 && raw === matched && Date.now() - faultEnded >= DECIDING_AFTER_FAULT_MS) break;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  deciderRunning = false;
  await decider;
  const backlog = await waitForDrain(options.superuserUrl(), scenario.natsUrl, {
    timeoutMs: Math.max(options.deadline - Date.now(), 10_000),
    log: options.log,
  });
  const recoverySeconds = (Date.now() - faultStarted) / 1000;

  const url = options.superuserUrl();
  return {
    importStatus: await importStatus(url, runId),
    rawRecords: await queryNumber(url, RAW_RECORDS_SQL),
    matchedRecords: await queryNumber(url, MATCHED_RECORDS_SQL),
    candidates: await queryNumber(url, 'SELECT count(*) AS value FROM verification.candidate_matches'),
    acknowledged: new Set(acknowledged.map((decision) => decision.actId)).size,
    acknowledgedDuringFault,
    importRunningAtFault,
    lostDecisions: (
      await missingActs(
        url,
        acknowledged.map((decision) => decision.actId),
      )
    ).length,
    deadLetters: backlog.deadLetters,
    decisionStatuses: statuses,
    recoverySeconds,
  };
}

/**
 * True when a fault run kept everything and tested what it claims: the fault met a running import,
 * decisions were made, the import finished, every record matched and no decision was lost.
 */
export function faultRunPassed(report: FaultRunReport): boolean {
  return (
    report.importStatus === 'succeeded' &&
    report.importRunningAtFault &&
    report.acknowledged > 0 &&
    report.rawRecords === report.matchedRecords &&
    report.lostDecisions === 0 &&
    report.deadLetters === 0
  );
}

/** Returns the RESULT line fields that every import-with-fault script prints, in their order. */
export function faultRunFields(report: FaultRunReport): Record<string, string | number | boolean> {
  return {
    import: report.importStatus,
    raw: report.rawRecords,
    matched: report.matchedRecords,
    acknowledged: report.acknowledged,
    acknowledged_during_fault: report.acknowledgedDuringFault,
    mid_import: report.importRunningAtFault,
    lost_decisions: report.lostDecisions,
    dead_letters: report.deadLetters,
    recovery_s: report.recoverySeconds.toFixed(0),
  };
}
