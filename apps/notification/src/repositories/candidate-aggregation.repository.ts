import type { SqlExecutor } from '@atlas/database';

import type { CandidateAggregate } from '../domain/candidate-notifications';

/** Adds proposals to a profile's open aggregation, opening one when none is open. */
export async function addToAggregation(
  tx: SqlExecutor,
  profileId: string,
  candidates: number,
  conflicts: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO candidate_aggregations (profile_id, candidate_count, conflict_count, first_proposed_at, last_proposed_at)
     VALUES ($1, $2, $3, now(), now())
     ON CONFLICT (profile_id) DO UPDATE SET
       candidate_count = candidate_aggregations.candidate_count + excluded.candidate_count,
       conflict_count = candidate_aggregations.conflict_count + excluded.conflict_count,
       last_proposed_at = now()`,
    [profileId, candidates, conflicts],
  );
}

interface AggregationRow {
  profile_id: string;
  candidate_count: number;
  conflict_count: number;
}

function toAggregate(row: AggregationRow): CandidateAggregate {
  return {
    profileId: row.profile_id,
    candidateCount: row.candidate_count,
    conflictCount: row.conflict_count,
  };
}

/**
 * Claims and deletes aggregations opened more than `windowMs` ago. The rows are locked with
 * SKIP LOCKED, so concurrent replicas claim disjoint sets and each aggregation is flushed once.
 */
export async function takeClosedAggregations(
  tx: SqlExecutor,
  windowMs: number,
  limit: number,
): Promise<CandidateAggregate[]> {
  const { rows } = await tx.query<AggregationRow>(
    `DELETE FROM candidate_aggregations WHERE profile_id IN (
       SELECT profile_id FROM candidate_aggregations
       WHERE first_proposed_at <= now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY first_proposed_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING profile_id, candidate_count, conflict_count`,
    [windowMs, limit],
  );
  return rows.map(toAggregate);
}

/** Claims and deletes one profile's open aggregation, e.g. when its synchronisation run ends. */
export async function takeProfileAggregation(
  tx: SqlExecutor,
  profileId: string,
): Promise<CandidateAggregate | undefined> {
  const { rows } = await tx.query<AggregationRow>(
    `DELETE FROM candidate_aggregations WHERE profile_id = $1
     RETURNING profile_id, candidate_count, conflict_count`,
    [profileId],
  );
  return rows[0] ? toAggregate(rows[0]) : undefined;
}
