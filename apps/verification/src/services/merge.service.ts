import { WorkMergedV1, WorkMergeProposedV1, WorkMergeUndoneV1, WorkUnlinkedV1 } from '@atlas/contracts';
import type { Actor } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';
import { appendEvent } from '@atlas/messaging';

import { VerificationError, VerificationErrorReason, workNotFound } from '../domain/errors';
import { checkMerge } from '../domain/merge-rules';

import { refreshConfirmedWorks } from './confirmed-works.service';

import type { MergeMember, MergeNode } from '../domain/merge-rules';

/** A merge asked for a profile. */
export interface MergeRequest {
  actor: Actor;
  profileId: string;
  primaryWorkId: string;
  merged: MergeMember[];
  notes?: string;
}

/** Locks the works of a merge, refusing any the profile is not an author of. */
async function lockMergeWorks(
  tx: SqlExecutor,
  profileId: string,
  workIds: string[],
): Promise<Map<string, MergeNode>> {
  const result = await tx.query<{ id: string; mergedIntoId: string | null; authored: boolean }>(
    `SELECT w.id, w.merged_into_id AS "mergedIntoId",
       EXISTS (SELECT 1 FROM work_authorships a WHERE a.work_id = w.id AND a.profile_id = $2) AS authored
     FROM canonical_works w WHERE w.id = ANY($1::uuid[]) ORDER BY w.id FOR UPDATE`,
    [workIds, profileId],
  );
  const nodes = new Map(result.rows.filter((row) => row.authored).map((row) => [row.id, row]));
  const missing = workIds.find((id) => !nodes.has(id));
  if (missing) throw workNotFound(missing);
  return nodes;
}

/** Other profiles confirmed on any of the works, whose lists a merge would change. */
async function otherProfiles(tx: SqlExecutor, profileId: string, workIds: string[]): Promise<string[]> {
  const result = await tx.query<{ profile_id: string }>(
    `SELECT DISTINCT profile_id FROM work_authorships WHERE work_id = ANY($1::uuid[]) AND profile_id <> $2`,
    [workIds, profileId],
  );
  return result.rows.map((row) => row.profile_id);
}

/**
 * Merges works into a primary. A researcher's merge touching a work another profile confirmed is
 * kept as a proposal for a curator instead; curators and admins merge directly.
 */
export async function mergeWorks(tx: SqlExecutor, request: MergeRequest) {
  const ids = [request.primaryWorkId, ...request.merged.map((member) => member.workId)];
  const nodes = await lockMergeWorks(tx, request.profileId, [...new Set(ids)]);
  checkMerge(nodes.get(request.primaryWorkId)!, request.merged);
  await rejectMergedPrimaries(tx, request.merged);

  const affected = await otherProfiles(tx, request.profileId, ids);
  if (affected.length > 0 && request.actor.role === 'researcher') {
    return { outcome: 'proposed' as const, proposalId: await proposeMerge(tx, request, affected) };
  }
  const merge = await tx.query<{ id: string; merged_at: Date }>(
    `INSERT INTO work_merges (primary_work_id, requested_for, merged_by, notes) VALUES ($1, $2, $3, $4)
     RETURNING id, merged_at`,
    [request.primaryWorkId, request.profileId, JSON.stringify(request.actor), request.notes ?? null],
  );
  const { id: mergeId, merged_at: mergedAt } = merge.rows[0]!;
  for (const member of request.merged) {
    await tx.query(
      `INSERT INTO work_merge_items (merge_id, work_id, role, previous_merged_into_id, previous_role)
       SELECT $1, id, $3, merged_into_id, merge_role FROM canonical_works WHERE id = $2`,
      [mergeId, member.workId, member.role],
    );
    await tx.query(
      `UPDATE canonical_works SET merged_into_id = $2, merge_role = $3, merge_status = 'manual', updated_at = now()
       WHERE id = $1`,
      [member.workId, request.primaryWorkId, member.role],
    );
  }
  for (const profileId of [request.profileId, ...affected]) await refreshConfirmedWorks(tx, profileId);
  await appendEvent(tx, 'verification', WorkMergedV1, {
    entityId: mergeId,
    entityVersion: 1,
    data: {
      mergeId,
      primaryWorkId: request.primaryWorkId,
      merged: request.merged,
      mergedAt: mergedAt.toISOString(),
      mergedByRole: request.actor.role,
    },
  });
  return { outcome: 'merged' as const, mergeId };
}

/** Refuses members that other works are merged into, since merges keep one level. */
async function rejectMergedPrimaries(tx: SqlExecutor, members: MergeMember[]): Promise<void> {
  const result = await tx.query<{ merged_into_id: string }>(
    `SELECT merged_into_id FROM canonical_works WHERE merged_into_id = ANY($1::uuid[]) LIMIT 1`,
    [members.map((member) => member.workId)],
  );
  const parent = result.rows[0]?.merged_into_id;
  if (parent) {
    throw new VerificationError(
      'CONFLICT',
      VerificationErrorReason.mergeConflict,
      `Work ${parent} is the primary of other works; merge those works directly or undo their merge first`,
      { workId: parent },
    );
  }
}

async function proposeMerge(tx: SqlExecutor, request: MergeRequest, affected: string[]): Promise<string> {
  const result = await tx.query<{ id: string; proposed_at: Date }>(
    `INSERT INTO work_merge_proposals (primary_work_id, merged, requested_for, requested_by, affected_profile_ids, notes)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, proposed_at`,
    [
      request.primaryWorkId,
      JSON.stringify(request.merged),
      request.profileId,
      JSON.stringify(request.actor),
      affected,
      request.notes ?? null,
    ],
  );
  const { id, proposed_at: proposedAt } = result.rows[0]!;
  await appendEvent(tx, 'verification', WorkMergeProposedV1, {
    entityId: id,
    entityVersion: 1,
    data: {
      proposalId: id,
      primaryWorkId: request.primaryWorkId,
      merged: request.merged,
      requestedFor: request.profileId,
      affectedProfileIds: affected,
      proposedAt: proposedAt.toISOString(),
    },
  });
  return id;
}

/** Undoes a merge of the profile, restoring each merged work to where it pointed before. */
export async function undoMerge(tx: SqlExecutor, actor: Actor, profileId: string, mergeId: string) {
  const merge = await tx.query<{ primary_work_id: string; undone_at: Date | null }>(
    `SELECT primary_work_id, undone_at FROM work_merges WHERE id = $1 AND requested_for = $2 FOR UPDATE`,
    [mergeId, profileId],
  );
  const row = merge.rows[0];
  if (!row || row.undone_at) {
    throw new VerificationError(
      'NOT_FOUND',
      VerificationErrorReason.mergeNotFound,
      `Merge ${mergeId} not found or already undone`,
      { mergeId },
    );
  }
  const restored = await tx.query<{ work_id: string }>(
    `UPDATE canonical_works w SET merged_into_id = i.previous_merged_into_id, merge_role = i.previous_role,
       updated_at = now()
     FROM work_merge_items i WHERE i.merge_id = $1 AND w.id = i.work_id AND w.merged_into_id = $2
     RETURNING w.id AS work_id`,
    [mergeId, row.primary_work_id],
  );
  const undone = await tx.query<{ undone_at: Date }>(
    `UPDATE work_merges SET undone_at = now(), undone_by = $2 WHERE id = $1 RETURNING undone_at`,
    [mergeId, JSON.stringify(actor)],
  );
  const restoredWorkIds = restored.rows.map((item) => item.work_id);
  const undoneAt = undone.rows[0]!.undone_at.toISOString();
  const profiles = await otherProfiles(tx, profileId, [row.primary_work_id, ...restoredWorkIds]);
  for (const each of [profileId, ...profiles]) await refreshConfirmedWorks(tx, each);
  await appendEvent(tx, 'verification', WorkMergeUndoneV1, {
    entityId: mergeId,
    entityVersion: 2,
    data: {
      mergeId,
      primaryWorkId: row.primary_work_id,
      restoredWorkIds,
      undoneAt,
      undoneByRole: actor.role,
    },
  });
  return { restoredWorkIds, undoneAt };
}

/** Removes the profile's own authorship from a work, leaving other profiles' authorships. */
export async function unlinkWork(
  tx: SqlExecutor,
  actor: Actor,
  profileId: string,
  workId: string,
  notes?: string,
) {
  const removed = await tx.query(`DELETE FROM work_authorships WHERE work_id = $1 AND profile_id = $2`, [
    workId,
    profileId,
  ]);
  if ((removed.rowCount ?? 0) === 0) throw workNotFound(workId);
  const unlink = await tx.query<{ id: string; unlinked_at: Date }>(
    `INSERT INTO work_unlinks (work_id, profile_id, unlinked_by, notes) VALUES ($1, $2, $3, $4)
     RETURNING id, unlinked_at`,
    [workId, profileId, JSON.stringify(actor), notes ?? null],
  );
  const { id, unlinked_at: unlinkedAt } = unlink.rows[0]!;
  await refreshConfirmedWorks(tx, profileId);
  await appendEvent(tx, 'verification', WorkUnlinkedV1, {
    entityId: id,
    entityVersion: 1,
    data: { workId, profileId, unlinkedAt: unlinkedAt.toISOString(), unlinkedByRole: actor.role },
  });
  return { unlinkedAt: unlinkedAt.toISOString() };
}
