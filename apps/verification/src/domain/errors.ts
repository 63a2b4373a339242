import type { RpcErrorCode } from '@atlas/contracts';

/** Stable reasons of the verification service's errors, never reused. */
export const VerificationErrorReason = {
  candidateNotFound: 'VERIFICATION_ERR_CANDIDATE_NOT_FOUND',
  profileNotFound: 'VERIFICATION_ERR_PROFILE_NOT_FOUND',
  workNotFound: 'VERIFICATION_ERR_WORK_NOT_FOUND',
  mergeNotFound: 'VERIFICATION_ERR_MERGE_NOT_FOUND',
  identityNotFound: 'VERIFICATION_ERR_IDENTITY_NOT_FOUND',
  ruleNotFound: 'VERIFICATION_ERR_RULE_NOT_FOUND',
  invalidTransition: 'VERIFICATION_ERR_INVALID_TRANSITION',
  invalidDecision: 'VERIFICATION_ERR_INVALID_DECISION',
  invalidCursor: 'VERIFICATION_ERR_INVALID_CURSOR',
  invalidEvidence: 'VERIFICATION_ERR_INVALID_EVIDENCE',
  invalidIdentity: 'VERIFICATION_ERR_INVALID_IDENTITY',
  identityTaken: 'VERIFICATION_ERR_IDENTITY_TAKEN',
  idempotencyMismatch: 'VERIFICATION_ERR_IDEMPOTENCY_KEY_REUSED',
  mergeCycle: 'VERIFICATION_ERR_MERGE_CYCLE',
  mergeConflict: 'VERIFICATION_ERR_MERGE_CONFLICT',
  versionConflict: 'VERIFICATION_ERR_VERSION_CONFLICT',
  forbidden: 'VERIFICATION_ERR_FORBIDDEN',
  erased: 'VERIFICATION_ERR_PROFILE_ERASED',
} as const;
export type VerificationErrorReason = (typeof VerificationErrorReason)[keyof typeof VerificationErrorReason];

/**
 * A refusal of the verification service: `code` is the reply code callers map to a status, `reason`
 * the service's own stable code, and `details` names the values at fault.
 */
export class VerificationError extends Error {
  override readonly name = 'VerificationError';

  constructor(
    readonly code: RpcErrorCode,
    readonly reason: VerificationErrorReason,
    message: string,
    readonly details: Record<string, unknown> = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** A candidate that does not exist or belongs to another profile; both look the same, so nothing leaks. */
export function candidateNotFound(candidateId: string): VerificationError {
  return new VerificationError(
    'NOT_FOUND',
    VerificationErrorReason.candidateNotFound,
    `Candidate ${candidateId} not found`,
    { candidateId },
  );
}

/** A profile that does not exist or that the actor may not act for. */
export function profileNotFound(profileId: string): VerificationError {
  return new VerificationError(
    'NOT_FOUND',
    VerificationErrorReason.profileNotFound,
    `Profile ${profileId} not found`,
    { profileId },
  );
}

/** A canonical work that does not exist or is not on the profile. */
export function workNotFound(workId: string): VerificationError {
  return new VerificationError(
    'NOT_FOUND',
    VerificationErrorReason.workNotFound,
    `Work ${workId} not found`,
    {
      workId,
    },
  );
}
