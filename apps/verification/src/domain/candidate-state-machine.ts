import type { ActType, CandidateStatus, DecisionType } from '@atlas/contracts';

import { VerificationError, VerificationErrorReason } from './errors';

/** Candidates waiting for a person: the queue lists these. */
export const OPEN_STATUSES: readonly CandidateStatus[] = ['pending', 'uncertain'];

/** Statuses that count as decided for the verification rate. */
export const DECIDED_STATUSES: readonly CandidateStatus[] = [
  'confirmed',
  'rejected',
  'auto_confirmed',
  'auto_rejected',
  'merged',
];

/** Statuses a reopen brings back to pending: every decision, not an expiry. */
const REOPENABLE: readonly CandidateStatus[] = [...DECIDED_STATUSES, 'uncertain'];

interface Transition {
  from: readonly CandidateStatus[];
  to: CandidateStatus;
}

/** Every act a person may take, the statuses it applies to, and the status it leads to. */
const MANUAL_TRANSITIONS: Record<ActType, Transition> = {
  confirm: { from: OPEN_STATUSES, to: 'confirmed' },
  reject: { from: OPEN_STATUSES, to: 'rejected' },
  uncertain: { from: ['pending'], to: 'uncertain' },
  claim_duplicate: { from: OPEN_STATUSES, to: 'merged' },
  claim_version: { from: OPEN_STATUSES, to: 'merged' },
  // The candidate stays for review, now with an error report attached.
  claim_error: { from: OPEN_STATUSES, to: 'uncertain' },
  // Assigned to a co-author or curator, still waiting for a decision.
  delegate: { from: OPEN_STATUSES, to: 'pending' },
  snooze: { from: ['pending'], to: 'pending' },
  reopen: { from: REOPENABLE, to: 'pending' },
  // Expiry follows the source record (removed, or changed while undecided), not a person.
  expire: { from: OPEN_STATUSES, to: 'expired' },
};

/** Acts the system takes on its own (`decided_via = auto`); only undecided candidates qualify. */
const AUTOMATIC_TRANSITIONS: Partial<Record<ActType, Transition>> = {
  confirm: { from: ['pending'], to: 'auto_confirmed' },
  reject: { from: ['pending'], to: 'auto_rejected' },
  // A record of a work already on the profile is attached to it instead of being queued.
  claim_duplicate: { from: ['pending'], to: 'merged' },
  expire: MANUAL_TRANSITIONS.expire,
  // Matching proposed an expired candidate again for a new version of its record.
  reopen: { from: ['expired'], to: 'pending' },
};

/** The candidate an act applies to. */
export interface TransitionSubject {
  id: string;
  status: CandidateStatus;
}

/**
 * Returns the status a candidate takes after an act, or throws INVALID_TRANSITION naming the
 * candidate, its status and the act. The one place where candidate transitions are decided.
 */
export function nextStatus(
  candidate: TransitionSubject,
  act: ActType,
  options: { automatic?: boolean } = {},
): CandidateStatus {
  const transition = options.automatic ? AUTOMATIC_TRANSITIONS[act] : MANUAL_TRANSITIONS[act];
  if (transition?.from.includes(candidate.status)) return transition.to;

  const how = options.automatic ? 'automatic ' : '';
  throw new VerificationError(
    'INVALID_TRANSITION',
    VerificationErrorReason.invalidTransition,
    `Candidate ${candidate.id} is ${candidate.status}; ${how}${act} is not allowed from that status`,
    {
      candidateId: candidate.id,
      status: candidate.status,
      decision: act,
      automatic: options.automatic === true,
    },
  );
}

/** Whether an act is allowed, without throwing. */
export function canTransition(status: CandidateStatus, act: ActType, options: { automatic?: boolean } = {}) {
  const transition = options.automatic ? AUTOMATIC_TRANSITIONS[act] : MANUAL_TRANSITIONS[act];
  return transition?.from.includes(status) ?? false;
}

/** Decisions that attach the candidate's record to a canonical work. */
export function decisionLinksWork(decision: DecisionType): boolean {
  return decision === 'confirm' || decision === 'claim_duplicate' || decision === 'claim_version';
}
