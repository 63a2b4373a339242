import type { Pool } from 'pg';

import { ReopenRpc, SnoozeRpc, VerifyBatchRpc, VerifyRpc } from '@atlas/contracts';
import type { Actor } from '@atlas/contracts';
import { pgExecutor, withTransaction } from '@atlas/database';
import { rpcHandler } from '@atlas/messaging';

import { VerificationError, VerificationErrorReason } from '../domain/errors';
import { applyAct } from '../services/decision.service';
import { withIdempotency } from '../services/idempotency.service';
import { replyingErrors } from './rpc-errors';

import type { ActOutcome, ActRequest } from '../services/decision.service';

function scopedKey(actor: Actor, key: string): string {
  return `${actor.tokenId ?? actor.accountId ?? actor.role}:${key}`;
}

/** Operations that record decisions: verify, verifyBatch, snooze, reopen. */
export function decisionHandlers(pool: () => Pool) {
  const verify = rpcHandler(
    VerifyRpc,
    replyingErrors(async (request) => {
      const { idempotencyKey, decision, via, ...fields } = request;
      const { result, replayed } = await withIdempotency(
        pool(),
        { key: scopedKey(request.actor, idempotencyKey), operation: 'verify', request },
        (tx) => applyAct(tx, { ...fields, act: decision, via }),
      );
      return { ...result, replayed };
    }),
  );

  const verifyBatch = rpcHandler(
    VerifyBatchRpc,
    replyingErrors(async (request) => {
      const { idempotencyKey, candidateIds, decision, expectedStatus, profileId, ...fields } = request;
      const actor = { ...request.actor, onBehalfOf: request.actor.onBehalfOf ?? profileId };
      const { result } = await withIdempotency(
        pool(),
        { key: scopedKey(request.actor, idempotencyKey), operation: 'verifyBatch', request },
        async () => ({
          items: await applyEach(pool(), candidateIds, { ...fields, actor, act: decision, expectedStatus }),
        }),
      );
      return result;
    }),
  );

  const snooze = rpcHandler(
    SnoozeRpc,
    replyingErrors((request) => {
      if (Date.parse(request.until) <= Date.now()) {
        throw new VerificationError(
          'BAD_REQUEST',
          VerificationErrorReason.invalidDecision,
          `Snooze end ${request.until} is not in the future; send a later until.`,
          { until: request.until },
        );
      }
      return withTransaction(pool(), (client) =>
        applyAct(pgExecutor(client), { ...request, act: 'snooze', via: 'api', snoozeUntil: request.until }),
      );
    }),
  );

  const reopen = rpcHandler(
    ReopenRpc,
    replyingErrors((request) =>
      withTransaction(pool(), (client) =>
        applyAct(pgExecutor(client), { ...request, act: 'reopen', via: 'api' }),
      ),
    ),
  );
  return [verify, verifyBatch, snooze, reopen];
}

type BatchItem =
  | { candidateId: string; outcome: 'applied'; result: ActOutcome }
  | { candidateId: string; outcome: 'skipped' | 'failed'; code: string; message: string };

/**
 * Applies the decision to each candidate in its own transaction, so one refusal neither aborts nor
 * hides the others: a candidate in another status is `skipped`, any other refusal `failed`.
 */
async function applyEach(pool: Pool, candidateIds: string[], base: Omit<ActRequest, 'candidateId'>) {
  const items: BatchItem[] = [];
  for (const candidateId of candidateIds) {
    try {
      const result = await withTransaction(pool, (client) =>
        applyAct(pgExecutor(client), { ...base, candidateId }),
      );
      items.push({ candidateId, outcome: 'applied', result });
    } catch (error) {
      if (!(error instanceof VerificationError)) throw error;
      const skipped = error.code === 'CONFLICT' && error.details.expectedStatus !== undefined;
      items.push({
        candidateId,
        outcome: skipped ? 'skipped' : 'failed',
        code: error.code,
        message: error.message,
      });
    }
  }
  return items;
}
