import type {
  ActType,
  Actor,
  CandidateStatus,
  ConfidenceLevel,
  DecidedVia,
  EvidenceItem,
} from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import { actorLabel } from '../domain/access';
import { countAct } from '../services/verification-metrics';

/** Everything one act records. */
export interface ActInput {
  candidateId: string;
  profileId: string;
  rawRecordId: string;
  decision: ActType;
  previousStatus: CandidateStatus;
  resultingStatus: CandidateStatus;
  score: number;
  actor: Actor;
  via: DecidedVia;
  confidence?: ConfidenceLevel;
  notes?: string;
  evidence?: EvidenceItem[];
  workId?: string;
  mergeRole?: string;
  delegatedTo?: string;
  errorReport?: string;
  snoozedUntil?: string;
}

/** Appends an act to the audit trail and returns its id and time. */
export async function insertAct(tx: SqlExecutor, act: ActInput): Promise<{ id: string; decidedAt: string }> {
  const result = await tx.query<{ id: string; decidedAt: Date }>(
    `INSERT INTO verification_acts (candidate_match_id, profile_id, raw_record_id, decision, previous_status,
       resulting_status, confidence, notes, evidence, score, work_id, merge_role, delegated_to, error_report,
       snoozed_until, decided_by, decided_by_role, on_behalf_of, token_id, decided_via)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
     RETURNING id, decided_at AS "decidedAt"`,
    [
      act.candidateId,
      act.profileId,
      act.rawRecordId,
      act.decision,
      act.previousStatus,
      act.resultingStatus,
      act.confidence ?? null,
      act.notes ?? null,
      JSON.stringify(act.evidence ?? []),
      act.score,
      act.workId ?? null,
      act.mergeRole ?? null,
      act.delegatedTo ?? null,
      act.errorReport ?? null,
      act.snoozedUntil ?? null,
      actorLabel(act.actor),
      act.actor.role,
      act.actor.onBehalfOf ?? null,
      act.actor.tokenId ?? null,
      act.via,
    ],
  );
  const row = result.rows[0]!;
  countAct(act);
  return { id: row.id, decidedAt: row.decidedAt.toISOString() };
}
