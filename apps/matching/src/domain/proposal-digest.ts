import { createHash } from 'node:crypto';

import type { Proposal } from '@atlas/matching-core';

/** Digest of a record's proposal list, to publish a list only when it differs from the last one sent. */
export function proposalDigest(rawRecordId: string, proposals: Proposal[]): string {
  const canonical = proposals
    .map((p) => [p.authorPosition, p.profileId, p.score, p.autoConfirmEligible, [...p.conflict].sort()])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return createHash('sha256')
    .update(JSON.stringify([rawRecordId, canonical]))
    .digest('hex');
}
