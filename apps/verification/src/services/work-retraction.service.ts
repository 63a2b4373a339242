import type { RawRecordRef, Work } from '@atlas/contracts';
import { WorkUpdatedV1 } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';
import { appendEvent } from '@atlas/messaging';

import { workProfiles } from '../repositories/canonical-work.repository';
import { readWorkSummary } from '../repositories/work-summary.repository';

/** Kind of notice a record gives about a work it retracts or withdraws. */
type NoticeKind = 'retracted' | 'withdrawn';

const NOTICE_KINDS: Record<string, NoticeKind> = { retraction: 'retracted', withdrawal: 'withdrawn' };

/**
 * Flags the canonical works a record retracts or withdraws, and announces each with a work updated
 * event naming the profiles confirmed on it, so they are notified. Two cases are handled:
 * - a new version of a record attached to a work now states the retraction or withdrawal itself
 *   (OpenAlex `is_retracted`, an arXiv withdrawal comment): `materialChanges` names it;
 * - a notice record (Crossref `update-to` of type retraction or withdrawal) names the DOI of the work.
 * The canonical work has one flag, `is_retracted`, for both, and the event names which one it was.
 */
export async function flagRetractedWorks(
  tx: SqlExecutor,
  change: { record: RawRecordRef; work?: Work; materialChanges?: readonly string[] },
): Promise<number> {
  const targets = new Map<string, NoticeKind>();
  for (const kind of change.materialChanges ?? []) {
    const notice = NOTICE_KINDS[kind];
    if (!notice) continue;
    for (const workId of await worksOfRecord(tx, change.record)) targets.set(workId, notice);
  }
  for (const relation of change.work?.relations ?? []) {
    const notice = relation.type === 'updates' ? NOTICE_KINDS[relation.updateKind ?? ''] : undefined;
    if (!notice || relation.idType !== 'doi') continue;
    for (const workId of await worksOfDoi(tx, relation.id)) targets.set(workId, notice);
  }

  let flagged = 0;
  for (const [workId, notice] of targets) {
    if (await markRetracted(tx, workId)) {
      await announce(tx, workId, notice, change.record);
      flagged += 1;
    }
  }
  return flagged;
}

async function worksOfRecord(tx: SqlExecutor, record: RawRecordRef): Promise<string[]> {
  const found = await tx.query<{ work_id: string }>(
    'SELECT DISTINCT work_id FROM work_sources WHERE source = $1 AND source_id = $2',
    [record.source, record.sourceId],
  );
  return found.rows.map((row) => row.work_id);
}

async function worksOfDoi(tx: SqlExecutor, doi: string): Promise<string[]> {
  const found = await tx.query<{ id: string }>(
    'SELECT id FROM canonical_works WHERE primary_doi = $1 OR $1 = ANY(version_dois)',
    [doi.toLowerCase()],
  );
  return found.rows.map((row) => row.id);
}

/** Sets the flag; returns false when the work was flagged already, so a notice is announced once. */
async function markRetracted(tx: SqlExecutor, workId: string): Promise<boolean> {
  const updated = await tx.query(
    'UPDATE canonical_works SET is_retracted = true, updated_at = now() WHERE id = $1 AND NOT is_retracted',
    [workId],
  );
  return updated.rowCount > 0;
}

async function announce(tx: SqlExecutor, workId: string, notice: NoticeKind, record: RawRecordRef) {
  const summary = (await readWorkSummary(tx, workId))!;
  await appendEvent(tx, 'verification', WorkUpdatedV1, {
    entityId: workId,
    entityVersion: 1,
    data: {
      workId,
      changes: [notice],
      record,
      profileIds: await workProfiles(tx, workId),
      work: { kind: 'inline', value: summary },
    },
  });
}
