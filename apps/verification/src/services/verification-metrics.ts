import type { Pool } from 'pg';
import type { Counter } from '@opentelemetry/api';
import type { FastifyBaseLogger } from 'fastify';

import { METRICS, counterOf, observeGauge } from '@atlas/observability';

import type { ActInput } from '../repositories/act.repository';

interface DecisionInstruments {
  decisions: Counter;
  autoConfirmed: Counter;
}

let instruments: DecisionInstruments | undefined;

// Created on first use, because instruments created before telemetry starts are no-ops for good.
function decisionInstruments(): DecisionInstruments {
  instruments ??= {
    decisions: counterOf(METRICS.verificationDecisions),
    autoConfirmed: counterOf(METRICS.verificationAutoConfirmed),
  };
  return instruments;
}

/**
 * Counts an act by decision and channel, and automatic confirmations apart.
 *
 * NOTE: it runs inside the decision's transaction, so a transaction that rolls back after the act
 * was written still counts it.
 */
export function countAct(act: Pick<ActInput, 'decision' | 'via' | 'resultingStatus'>): void {
  const { decisions, autoConfirmed } = decisionInstruments();
  decisions.add(1, { decision: act.decision, via: act.via });
  if (act.resultingStatus === 'auto_confirmed') autoConfirmed.add(1);
}

// The per-profile counters are kept in the decision transactions, so summing them is exact and
// avoids counting candidate rows. It reads one row per profile and status.
const QUEUE_SIZE_SQL = `SELECT key AS status, sum(value)::float8 AS candidates
  FROM profile_counters WHERE kind = 'status' AND key IN ('pending', 'uncertain') GROUP BY key`;

/** Reads the number of candidates awaiting a decision, by status, at each scrape. */
export function observeQueueSize(pool: () => Pool, log: FastifyBaseLogger): () => void {
  let lastErrorLog = 0;
  const read = async () => {
    const { rows } = await pool().query<{ status: string; candidates: number }>(QUEUE_SIZE_SQL);
    const byStatus = new Map(rows.map((row) => [row.status, row.candidates]));
    return ['pending', 'uncertain'].map((status): [number, { status: string }] => [
      byStatus.get(status) ?? 0,
      { status },
    ]);
  };
  return observeGauge(METRICS.verificationQueueSize, read, (error) => {
    if (Date.now() - lastErrorLog < 60_000) return;
    lastErrorLog = Date.now();
    log.warn({ err: error }, 'reading the queue size failed; the scrape goes on without it');
  });
}
