import type { Pool } from 'pg';

import { CANDIDATE_STATUSES, GetCandidateHistoryRpc, GetQueueRpc, GetStatsRpc } from '@atlas/contracts';
import type { Actor, VerificationAct } from '@atlas/contracts';
import { pgExecutor } from '@atlas/database';
import { rpcHandler } from '@atlas/messaging';

import { mayActFor } from '../domain/access';
import { DECIDED_STATUSES } from '../domain/candidate-state-machine';
import { decodeCursor, encodeCursor } from '../domain/cursor';
import { candidateNotFound, profileNotFound } from '../domain/errors';
import { readCounters } from '../repositories/counters.repository';
import { readQueuePage } from '../repositories/queue.repository';
import { replyingErrors } from './rpc-errors';

function assertProfileAccess(actor: Actor, profileId: string): void {
  if (!mayActFor(actor, profileId)) throw profileNotFound(profileId);
}

/** Read operations of the queue: getQueue, getCandidateHistory, getStats. */
export function queryHandlers(pool: () => Pool) {
  const getQueue = rpcHandler(
    GetQueueRpc,
    replyingErrors(async (request) => {
      assertProfileAccess(request.actor, request.profileId);
      return readQueuePage(pgExecutor(pool()), {
        profileId: request.profileId,
        statuses: request.status ?? ['pending', 'uncertain'],
        minScore: request.minScore,
        source: request.source,
        year: request.year,
        includeSnoozed: request.includeSnoozed ?? false,
        sort: request.sort ?? 'score',
        order: request.order ?? 'desc',
        cursor: request.cursor,
        limit: request.limit ?? 50,
      });
    }),
  );

  const getCandidateHistory = rpcHandler(
    GetCandidateHistoryRpc,
    replyingErrors(async (request) => {
      const db = pgExecutor(pool());
      const owner = await db.query<{ profileId: string; delegatedTo: string | null }>(
        `SELECT profile_id AS "profileId", delegated_to AS "delegatedTo" FROM candidate_matches WHERE id = $1`,
        [request.candidateId],
      );
      const candidate = owner.rows[0];
      if (!candidate || !mayActFor(request.actor, candidate.profileId, candidate.delegatedTo)) {
        throw candidateNotFound(request.candidateId);
      }
      const after = request.cursor
        ? String(decodeCursor(request.cursor, 1)[0])
        : '00000000-0000-0000-0000-000000000000';
      const limit = request.limit ?? 50;
      const acts = await db.query<ActRow>(
        `SELECT * FROM verification_acts WHERE candidate_match_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
        [request.candidateId, after, limit + 1],
      );
      const items = acts.rows.slice(0, limit).map(toAct);
      const more = acts.rows.length > limit;
      return { items, nextCursor: more ? encodeCursor([items[items.length - 1]!.id]) : null };
    }),
  );

  const getStats = rpcHandler(
    GetStatsRpc,
    replyingErrors(async (request) => {
      assertProfileAccess(request.actor, request.profileId);
      const counters = await readCounters(pgExecutor(pool()), request.profileId);
      const count = (kind: string, key: string) =>
        Math.max(0, counters.find((counter) => counter.kind === kind && counter.key === key)?.delta ?? 0);
      const byStatus = Object.fromEntries(
        CANDIDATE_STATUSES.map((status) => [status, count('status', status)]),
      );
      const total = CANDIDATE_STATUSES.reduce((sum, status) => sum + count('status', status), 0);
      const decided = DECIDED_STATUSES.reduce((sum, status) => sum + count('status', status), 0);
      const positive = (kind: string) =>
        counters.filter((counter) => counter.kind === kind && counter.delta > 0);
      return {
        byStatus: byStatus as Record<(typeof CANDIDATE_STATUSES)[number], number>,
        byYear: positive('year').map((counter) => ({ year: Number(counter.key), works: counter.delta })),
        byType: positive('type').map((counter) => ({ type: counter.key as never, works: counter.delta })),
        works: count('works', 'all'),
        verificationRate: total === 0 ? 0 : decided / total,
      };
    }),
  );
  return [getQueue, getCandidateHistory, getStats];
}

interface ActRow {
  id: string;
  candidate_match_id: string;
  profile_id: string;
  decision: VerificationAct['decision'];
  previous_status: VerificationAct['previousStatus'];
  resulting_status: VerificationAct['resultingStatus'];
  confidence: VerificationAct['confidence'] | null;
  notes: string | null;
  evidence: VerificationAct['evidence'];
  decided_by: string;
  decided_by_role: VerificationAct['decidedBy']['role'];
  on_behalf_of: string | null;
  token_id: string | null;
  decided_via: VerificationAct['decidedVia'];
  decided_at: Date;
}

function toAct(row: ActRow): VerificationAct {
  const isAccount = /^[0-9a-f-]{36}$/.test(row.decided_by);
  return {
    id: row.id,
    candidateId: row.candidate_match_id,
    profileId: row.profile_id,
    decision: row.decision,
    previousStatus: row.previous_status,
    resultingStatus: row.resulting_status,
    ...(row.confidence ? { confidence: row.confidence } : {}),
    ...(row.notes ? { notes: row.notes } : {}),
    evidence: row.evidence,
    decidedBy: {
      role: row.decided_by_role,
      ...(isAccount ? { accountId: row.decided_by } : {}),
      ...(row.on_behalf_of ? { onBehalfOf: row.on_behalf_of } : {}),
      ...(row.token_id ? { tokenId: row.token_id } : {}),
    },
    decidedVia: row.decided_via,
    decidedAt: row.decided_at.toISOString(),
  };
}
