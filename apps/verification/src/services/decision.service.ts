import type {
  ActType,
  Actor,
  CandidateStatus,
  ConfidenceLevel,
  DecidedVia,
  EvidenceItem,
  MergeRole,
  RawRecordRef,
} from '@atlas/contracts';
import { DecisionRecordedV1, PublicDecisionRecordedV1, cleanPayload } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';
import { appendEvent } from '@atlas/messaging';

import { mayActFor } from '../domain/access';
import { nextStatus } from '../domain/candidate-state-machine';
import {
  VerificationError,
  VerificationErrorReason,
  candidateNotFound,
  workNotFound,
} from '../domain/errors';
import { insertAct } from '../repositories/act.repository';
import { lockCandidate, readRecordWork, updateCandidate } from '../repositories/candidate.repository';
import { shiftCounters, statusShift } from '../repositories/counters.repository';
import { linkConfirmedWork } from './link-work.service';

import type { CandidateRow } from '../repositories/candidate.repository';

/** One act on one candidate, as a person or the system asks for it. */
export interface ActRequest {
  actor: Actor;
  candidateId: string;
  act: ActType;
  via: DecidedVia;
  automatic?: boolean;
  confidence?: ConfidenceLevel;
  notes?: string;
  evidence?: EvidenceItem[];
  targetWorkId?: string;
  mergeRole?: MergeRole;
  delegateTo?: string;
  errorReport?: string;
  snoozeUntil?: string;
  /** Status the candidate must be in (batch decisions); others are refused with CONFLICT. */
  expectedStatus?: CandidateStatus;
}

/** Result of one act. */
export interface ActOutcome {
  actId: string;
  candidateId: string;
  status: CandidateStatus;
  workId?: string;
  replayed: boolean;
}

function checkRequest(request: ActRequest): void {
  const missing =
    (request.act === 'delegate' && !request.delegateTo && 'delegateTo') ||
    ((request.act === 'claim_duplicate' || request.act === 'claim_version') &&
      !request.targetWorkId &&
      'targetWorkId') ||
    (request.act === 'claim_error' && !request.errorReport && 'errorReport');
  if (missing) {
    throw new VerificationError(
      'BAD_REQUEST',
      VerificationErrorReason.invalidDecision,
      `Decision ${request.act} on candidate ${request.candidateId} needs ${missing}`,
      { candidateId: request.candidateId, decision: request.act, field: missing },
    );
  }
  const urls = (request.evidence ?? []).filter(
    (item) => item.kind === 'url' && !/^https?:\/\/\S+$/.test(item.value),
  );
  if (urls.length > 0) {
    throw new VerificationError(
      'BAD_REQUEST',
      VerificationErrorReason.invalidEvidence,
      `Evidence ${urls[0]!.value} is not an http(s) URL`,
      { candidateId: request.candidateId, value: urls[0]!.value },
    );
  }
}

async function checkTargetWork(tx: SqlExecutor, candidate: CandidateRow, workId: string): Promise<void> {
  const result = await tx.query(
    `SELECT 1 FROM work_authorships a JOIN canonical_works w ON w.id = a.work_id
     WHERE a.profile_id = $1 AND coalesce(w.merged_into_id, w.id) = $2 LIMIT 1`,
    [candidate.profileId, workId],
  );
  if (result.rowCount === 0) throw workNotFound(workId);
}

/**
 * Applies one act in the caller's transaction: locks the candidate, checks access and the
 * transition, links the canonical work for confirmations and claims, appends the act, updates the
 * candidate and the counters, and writes the decision events to the outbox.
 */
export async function applyAct(tx: SqlExecutor, request: ActRequest): Promise<ActOutcome> {
  checkRequest(request);
  const candidate = await lockCandidate(tx, request.candidateId);
  if (!candidate || !mayActFor(request.actor, candidate.profileId, candidate.delegatedTo)) {
    throw candidateNotFound(request.candidateId);
  }
  if (request.expectedStatus && candidate.status !== request.expectedStatus) {
    throw new VerificationError(
      'CONFLICT',
      VerificationErrorReason.invalidTransition,
      `Candidate ${candidate.id} is ${candidate.status}, not ${request.expectedStatus}`,
      { candidateId: candidate.id, status: candidate.status, expectedStatus: request.expectedStatus },
    );
  }
  const status = nextStatus(candidate, request.act, { automatic: request.automatic });
  if (request.targetWorkId && !request.automatic) await checkTargetWork(tx, candidate, request.targetWorkId);

  const act = await insertAct(tx, {
    ...request,
    profileId: candidate.profileId,
    rawRecordId: candidate.rawRecordId,
    decision: request.act,
    previousStatus: candidate.status,
    resultingStatus: status,
    score: candidate.score,
    mergeRole: request.mergeRole,
    delegatedTo: request.delegateTo,
    snoozedUntil: request.snoozeUntil,
  });
  const workId = await linkIfConfirmed(tx, candidate, request, act.id);
  await updateCandidate(tx, candidate.id, candidateChange(request, status, workId));
  await shiftCounters(tx, statusShift(candidate.profileId, candidate.status, status));
  await announceAct(tx, candidate, request, { actId: act.id, decidedAt: act.decidedAt, status, workId });
  return { actId: act.id, candidateId: candidate.id, status, ...(workId ? { workId } : {}), replayed: false };
}

function candidateChange(request: ActRequest, status: CandidateStatus, workId: string | undefined) {
  return {
    status,
    ...(workId ? { workId } : {}),
    ...(request.act === 'delegate' ? { delegatedTo: request.delegateTo } : {}),
    ...(request.act === 'snooze' ? { snoozedUntil: request.snoozeUntil } : {}),
    ...(request.act === 'reopen' ? { workId: null, snoozedUntil: null } : {}),
  };
}

async function linkIfConfirmed(
  tx: SqlExecutor,
  candidate: CandidateRow,
  request: ActRequest,
  actId: string,
): Promise<string | undefined> {
  const links =
    request.act === 'confirm' || request.act === 'claim_duplicate' || request.act === 'claim_version';
  if (!links) return undefined;
  const work = await readRecordWork(tx, candidate.rawRecordId);
  if (!work)
    throw new Error(`Record version ${candidate.rawRecordId} of candidate ${candidate.id} is missing`);
  const record = recordRef(candidate);
  const role = request.mergeRole ?? (request.act === 'claim_version' ? 'version' : 'duplicate');
  return linkConfirmedWork(tx, {
    profileId: candidate.profileId,
    authorPosition: candidate.authorPosition,
    record,
    work,
    actId,
    actor: request.actor,
    ...(request.targetWorkId ? { targetWorkId: request.targetWorkId, targetRole: role } : {}),
  });
}

/** Pointer to the record version a candidate is on. */
export function recordRef(candidate: CandidateRow): RawRecordRef {
  const { rawRecordId, source, sourceId, checksum } = candidate;
  return { rawRecordId, source, sourceId, checksum };
}

async function announceAct(
  tx: SqlExecutor,
  candidate: CandidateRow,
  request: ActRequest,
  outcome: { actId: string; decidedAt: string; status: CandidateStatus; workId?: string },
) {
  const data = {
    actId: outcome.actId,
    candidateId: candidate.id,
    profileId: candidate.profileId,
    record: recordRef(candidate),
    authorPosition: candidate.authorPosition,
    decision: request.act,
    previousStatus: candidate.status,
    resultingStatus: outcome.status,
    ...(request.confidence ? { confidence: request.confidence } : {}),
    score: candidate.score,
    decidedVia: request.via,
    decidedAt: outcome.decidedAt,
    ...(outcome.workId ? { workId: outcome.workId } : {}),
    decidedBy: request.actor,
    ...(request.delegateTo ? { delegatedTo: request.delegateTo } : {}),
    ...(request.notes ? { notes: request.notes } : {}),
    evidence: request.evidence ?? [],
  };
  const version = { entityId: candidate.id, entityVersion: candidate.version + 1 };
  await appendEvent(tx, 'verification', DecisionRecordedV1, { ...version, data });
  const publicData = cleanPayload(PublicDecisionRecordedV1.schema, {
    ...data,
    decidedByRole: request.actor.role,
  });
  await appendEvent(tx, 'verification', PublicDecisionRecordedV1, { ...version, data: publicData });
}
