import type { MergeRole } from '@atlas/contracts';

import { VerificationError, VerificationErrorReason } from './errors';

/** A work as a merge sees it: its id and the primary it is already merged into, if any. */
export interface MergeNode {
  id: string;
  mergedIntoId: string | null;
}

/** One work joining a primary, with its role. */
export interface MergeMember {
  workId: string;
  role: MergeRole;
}

/**
 * Checks a merge before it is applied: no work merged into itself, no cycle (the primary already
 * merged into one of the works), and a primary that is not itself merged elsewhere.
 */
export function checkMerge(primary: MergeNode, members: readonly MergeMember[]): void {
  const memberIds = new Set(members.map((member) => member.workId));
  if (memberIds.has(primary.id) || (primary.mergedIntoId !== null && memberIds.has(primary.mergedIntoId))) {
    const through = memberIds.has(primary.id) ? primary.id : primary.mergedIntoId;
    throw new VerificationError(
      'BAD_REQUEST',
      VerificationErrorReason.mergeCycle,
      `Merging ${through} into ${primary.id} would form a cycle`,
      { primaryWorkId: primary.id, workId: through },
    );
  }
  if (primary.mergedIntoId !== null) {
    throw new VerificationError(
      'CONFLICT',
      VerificationErrorReason.mergeConflict,
      `Work ${primary.id} is merged into ${primary.mergedIntoId}; merge into that work instead`,
      { primaryWorkId: primary.id, mergedIntoId: primary.mergedIntoId },
    );
  }
  const primaryRole = members.find((member) => member.role === 'primary');
  if (primaryRole) {
    throw new VerificationError(
      'BAD_REQUEST',
      VerificationErrorReason.invalidDecision,
      `Work ${primaryRole.workId} cannot join as primary; use version, duplicate or erratum`,
      { workId: primaryRole.workId, role: 'primary' },
    );
  }
}
