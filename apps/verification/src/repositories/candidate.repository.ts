import type { CandidateStatus, MatchReason, Source, Work } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

/** A candidate row with what decisions and replies need. */
export interface CandidateRow {
  id: string;
  profileId: string;
  source: Source;
  sourceId: string;
  authorPosition: number;
  rawRecordId: string;
  checksum: string;
  score: number;
  reasons: MatchReason[];
  status: CandidateStatus;
  delegatedTo: string | null;
  workId: string | null;
  version: number;
}

const CANDIDATE_COLUMNS = `c.id, c.profile_id AS "profileId", c.source, c.source_id AS "sourceId",
  c.author_position AS "authorPosition", c.raw_record_id AS "rawRecordId", r.checksum,
  c.match_score::float8 AS score, c.match_reasons AS reasons, c.status, c.delegated_to AS "delegatedTo",
  c.work_id AS "workId", c.version`;

/** Reads a candidate and locks it until the transaction ends, so concurrent decisions queue up. */
export async function lockCandidate(tx: SqlExecutor, candidateId: string): Promise<CandidateRow | undefined> {
  const result = await tx.query<CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS} FROM candidate_matches c
     JOIN record_versions r ON r.raw_record_id = c.raw_record_id
     WHERE c.id = $1 FOR UPDATE OF c`,
    [candidateId],
  );
  return result.rows[0];
}

/** Locks every candidate of one source record. */
export async function lockRecordCandidates(
  tx: SqlExecutor,
  source: string,
  sourceId: string,
): Promise<CandidateRow[]> {
  const result = await tx.query<CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS} FROM candidate_matches c
     JOIN record_versions r ON r.raw_record_id = c.raw_record_id
     WHERE c.source = $1 AND c.source_id = $2 ORDER BY c.id FOR UPDATE OF c`,
    [source, sourceId],
  );
  return result.rows;
}

/** Changes to a candidate that an act makes besides its status. */
export interface CandidateChange {
  status: CandidateStatus;
  workId?: string | null;
  delegatedTo?: string | null;
  snoozedUntil?: string | null;
  flagged?: boolean;
  rawRecordId?: string;
}

/** Writes a candidate's new status and raises its version. */
export async function updateCandidate(
  tx: SqlExecutor,
  candidateId: string,
  change: CandidateChange,
): Promise<void> {
  await tx.query(
    `UPDATE candidate_matches SET
       status = $2,
       work_id = CASE WHEN $3::boolean THEN $4::uuid ELSE work_id END,
       delegated_to = CASE WHEN $5::boolean THEN $6::uuid ELSE delegated_to END,
       snoozed_until = CASE WHEN $7::boolean THEN $8::timestamptz ELSE snoozed_until END,
       flagged = coalesce($9, flagged),
       raw_record_id = coalesce($10, raw_record_id),
       processed_at = now(), updated_at = now(), version = version + 1
     WHERE id = $1`,
    [
      candidateId,
      change.status,
      change.workId !== undefined,
      change.workId ?? null,
      change.delegatedTo !== undefined,
      change.delegatedTo ?? null,
      change.snoozedUntil !== undefined,
      change.snoozedUntil ?? null,
      change.flagged ?? null,
      change.rawRecordId ?? null,
    ],
  );
}

/** The parsed work of a record version. */
export async function readRecordWork(tx: SqlExecutor, rawRecordId: string): Promise<Work | undefined> {
  const result = await tx.query<{ work: Work }>(`SELECT work FROM record_versions WHERE raw_record_id = $1`, [
    rawRecordId,
  ]);
  return result.rows[0]?.work;
}
