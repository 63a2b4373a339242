import type { Static } from 'typebox';

import type { CandidatesProposedV1, RawRecordRef, Work } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import { SYSTEM_ACTOR } from '../domain/access';
import { automaticDecision } from '../domain/auto-decision';
import { workMatchKeys } from '../domain/work-keys';
import { lockRecordCandidates, readRecordWork } from '../repositories/candidate.repository';
import { findWork } from '../repositories/canonical-work.repository';
import { shiftCounters } from '../repositories/counters.repository';
import { applyAct } from './decision.service';

import type { AutoDecisionPolicy } from '../domain/auto-decision';
import type { CandidateRow } from '../repositories/candidate.repository';

type Proposal = Static<typeof CandidatesProposedV1.schema>['proposals'][number];

/** Raised when proposals name a record version whose work has not arrived yet; redelivery retries. */
export class RecordVersionNotYetKnownError extends Error {
  override readonly name = 'RecordVersionNotYetKnownError';
  readonly code = 'VERIFICATION_ERR_RECORD_NOT_YET_KNOWN';
}

/** Profiles among `ids` that exist and are not erased, with their auto-confirm threshold. */
async function liveProfiles(tx: SqlExecutor, ids: string[]): Promise<Map<string, number>> {
  const result = await tx.query<{ id: string; threshold: number }>(
    `SELECT id, coalesce((settings ->> 'autoConfirmThreshold')::float8, 1) AS threshold
     FROM author_profiles WHERE id = ANY($1::uuid[]) AND erased_at IS NULL`,
    [ids],
  );
  return new Map(result.rows.map((row) => [row.id, row.threshold]));
}

function sortDate(work: Work): string {
  const [year = '0001', month = '01', day = '01'] = (
    work.publicationDate ?? `${work.publicationYear ?? '0001'}`
  ).split('-');
  return `${year}-${month}-${day}`;
}

/** Inserts new candidates and refreshes pending and expired ones in one statement; returns the ids by profile. */
async function upsertCandidates(
  tx: SqlExecutor,
  record: RawRecordRef,
  work: Work,
  matcher: string,
  proposals: Proposal[],
) {
  const authorName = (position: number) =>
    work.authors.find((author) => author.position === position)?.rawName ?? `Author ${position}`;
  const result = await tx.query<{ id: string; profileId: string; authorPosition: number }>(
    `INSERT INTO candidate_matches (profile_id, source, source_id, author_position, raw_record_id, match_score,
       match_reasons, auto_confirm_eligible, conflicting_profile_ids, matcher_version, author_name, title, work_type,
       doi, publication_date, publication_year, publication_sort, venue_name, url)
     SELECT p.profile_id, $1, $2, p.position, $3, p.score, p.reasons, p.eligible,
            ARRAY(SELECT jsonb_array_elements_text(p.conflict))::uuid[], $4, p.author_name, $5, $6, $7, $8, $9, $10, $11, $12
     FROM jsonb_to_recordset($13::jsonb) AS p(profile_id uuid, position int, score numeric, reasons jsonb,
       eligible boolean, conflict jsonb, author_name text)
     ON CONFLICT (source, source_id, author_position, profile_id) DO UPDATE SET
       match_score = excluded.match_score, match_reasons = excluded.match_reasons,
       auto_confirm_eligible = excluded.auto_confirm_eligible, conflicting_profile_ids = excluded.conflicting_profile_ids,
       matcher_version = excluded.matcher_version, raw_record_id = excluded.raw_record_id, title = excluded.title,
       updated_at = now()
     WHERE candidate_matches.status IN ('pending', 'expired')
     RETURNING id, profile_id AS "profileId", author_position AS "authorPosition"`,
    [
      record.source,
      record.sourceId,
      record.rawRecordId,
      matcher,
      work.title,
      work.type,
      work.identifiers.doi ?? null,
      work.publicationDate ?? null,
      work.publicationYear ?? null,
      sortDate(work),
      work.venue?.name ?? null,
      work.url ?? null,
      JSON.stringify(
        proposals.map((proposal) => ({
          profile_id: proposal.profileId,
          position: proposal.authorPosition,
          score: proposal.score,
          reasons: proposal.reasons,
          eligible: proposal.autoConfirmEligible,
          conflict: proposal.conflict,
          author_name: authorName(proposal.authorPosition),
        })),
      ),
    ],
  );
  return result.rows;
}

/**
 * Takes one record's proposals: bulk-upserts the candidates, withdraws pending ones no longer
 * proposed, revives expired ones proposed again, attaches records of works already on the profile,
 * and applies automatic confirmations and rejections.
 */
export async function takeProposals(
  tx: SqlExecutor,
  data: Static<typeof CandidatesProposedV1.schema>,
  policy: AutoDecisionPolicy,
): Promise<void> {
  const work = await readRecordWork(tx, data.record.rawRecordId);
  if (!work)
    throw new RecordVersionNotYetKnownError(`Record version ${data.record.rawRecordId} has not arrived yet`);

  const before = await lockRecordCandidates(tx, data.record.source, data.record.sourceId);
  const thresholds = await liveProfiles(tx, [
    ...new Set(data.proposals.map((proposal) => proposal.profileId)),
  ]);
  const proposals = data.proposals.filter((proposal) => thresholds.has(proposal.profileId));
  await withdrawUnproposed(tx, before, proposals);

  const written = await upsertCandidates(tx, data.record, work, data.matcherVersion, proposals);
  const previous = new Map(before.map((candidate) => [candidate.id, candidate]));
  const fresh = written.filter((row) => !previous.has(row.id));
  await shiftCounters(
    tx,
    fresh.map((row) => ({ profileId: row.profileId, kind: 'status', key: 'pending', delta: 1 })),
  );
  for (const row of written.filter((candidate) => previous.get(candidate.id)?.status === 'expired')) {
    await applyAct(tx, {
      actor: SYSTEM_ACTOR,
      candidateId: row.id,
      act: 'reopen',
      via: 'auto',
      automatic: true,
    });
  }
  for (const row of fresh) {
    const proposal = proposals.find(
      (item) => item.profileId === row.profileId && item.authorPosition === row.authorPosition,
    )!;
    await settleNewCandidate(tx, row, work, proposal, thresholds.get(row.profileId)!, policy);
  }
}

async function withdrawUnproposed(tx: SqlExecutor, before: CandidateRow[], proposals: Proposal[]) {
  const proposed = new Set(proposals.map((proposal) => `${proposal.profileId}:${proposal.authorPosition}`));
  const withdrawn = before.filter(
    (candidate) =>
      candidate.status === 'pending' && !proposed.has(`${candidate.profileId}:${candidate.authorPosition}`),
  );
  for (const candidate of withdrawn) {
    await applyAct(tx, {
      actor: SYSTEM_ACTOR,
      candidateId: candidate.id,
      act: 'expire',
      via: 'auto',
      automatic: true,
    });
  }
}

async function settleNewCandidate(
  tx: SqlExecutor,
  row: { id: string; profileId: string },
  work: Work,
  proposal: Proposal,
  threshold: number,
  policy: AutoDecisionPolicy,
) {
  const existing = await findWork(tx, workMatchKeys(work), row.profileId);
  const base = { actor: SYSTEM_ACTOR, candidateId: row.id, via: 'auto' as const, automatic: true };
  if (existing) {
    await applyAct(tx, {
      ...base,
      act: 'claim_duplicate',
      targetWorkId: existing.workId,
      mergeRole: existing.role,
    });
    return;
  }
  const decision = automaticDecision(proposal, threshold, policy);
  if (decision) await applyAct(tx, { ...base, act: decision });
}
