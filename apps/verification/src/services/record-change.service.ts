import type { RawRecordRef } from '@atlas/contracts';
import { CandidateFlaggedV1 } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';
import { appendEvent } from '@atlas/messaging';

import { SYSTEM_ACTOR } from '../domain/access';
import { OPEN_STATUSES } from '../domain/candidate-state-machine';
import { lockRecordCandidates, updateCandidate } from '../repositories/candidate.repository';
import { applyAct } from './decision.service';

import type { CandidateRow } from '../repositories/candidate.repository';

/** Reasons a decided candidate is flagged. */
export type FlagReason = 'title' | 'authors' | 'identifiers' | 'retraction' | 'withdrawal' | 'removed';

/**
 * Applies a new version or the removal of a source record to its candidates: undecided ones expire
 * (matching proposes fresh ones for a new version), decided ones keep their decision and, when the
 * change is material, are flagged for review and moved to the new version.
 */
export async function applyRecordChange(
  tx: SqlExecutor,
  change: { source: string; sourceId: string; newRecord?: RawRecordRef; reasons: FlagReason[] },
): Promise<void> {
  const candidates = await lockRecordCandidates(tx, change.source, change.sourceId);
  for (const candidate of candidates) {
    const expires = change.newRecord
      ? candidate.status === 'pending'
      : OPEN_STATUSES.includes(candidate.status);
    if (expires) {
      await applyAct(tx, {
        actor: SYSTEM_ACTOR,
        candidateId: candidate.id,
        act: 'expire',
        via: 'auto',
        automatic: true,
      });
    } else if (candidate.status !== 'expired' && change.reasons.length > 0) {
      await flagCandidate(tx, candidate, change.newRecord, change.reasons);
    } else if (change.newRecord && candidate.status !== 'expired') {
      await updateCandidate(tx, candidate.id, {
        status: candidate.status,
        rawRecordId: change.newRecord.rawRecordId,
      });
    }
  }
}

async function flagCandidate(
  tx: SqlExecutor,
  candidate: CandidateRow,
  newRecord: RawRecordRef | undefined,
  reasons: FlagReason[],
): Promise<void> {
  const record = newRecord ?? {
    rawRecordId: candidate.rawRecordId,
    source: candidate.source,
    sourceId: candidate.sourceId,
    checksum: candidate.checksum,
  };
  await tx.query(
    `INSERT INTO candidate_flags (candidate_id, previous_raw_record_id, raw_record_id, reasons) VALUES ($1, $2, $3, $4)`,
    [candidate.id, candidate.rawRecordId, record.rawRecordId, reasons],
  );
  await updateCandidate(tx, candidate.id, {
    status: candidate.status,
    flagged: true,
    rawRecordId: record.rawRecordId,
  });
  await appendEvent(tx, 'verification', CandidateFlaggedV1, {
    entityId: candidate.id,
    entityVersion: candidate.version + 1,
    data: {
      candidateId: candidate.id,
      profileId: candidate.profileId,
      status: candidate.status,
      record,
      previousRawRecordId: candidate.rawRecordId,
      reasons: [...new Set(reasons)],
      ...(candidate.workId ? { workId: candidate.workId } : {}),
    },
  });
}
