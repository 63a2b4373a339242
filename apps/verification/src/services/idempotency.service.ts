import { createHash } from 'node:crypto';

import type { Pool } from 'pg';

import type { SqlExecutor } from '@atlas/database';
import { pgExecutor, withTransaction } from '@atlas/database';

import { VerificationError, VerificationErrorReason } from '../domain/errors';

/** A request that carries a client's idempotency key. */
export interface IdempotentRequest {
  /** Key scoped to the caller (account or token), so two callers never share one. */
  key: string;
  operation: string;
  request: unknown;
}

function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * Runs `work` in one transaction that also records its result under the key. A retry with the same
 * key gets the recorded result and `replayed = true`; the same key with another request is a CONFLICT.
 * An advisory lock on the key makes concurrent retries wait for the first one.
 */
export async function withIdempotency<T>(
  pool: Pool,
  idempotent: IdempotentRequest,
  work: (tx: SqlExecutor) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  const hash = requestHash(idempotent.request);
  return withTransaction(pool, async (client) => {
    const tx = pgExecutor(client);
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [idempotent.key]);
    const earlier = await tx.query<{ operation: string; requestHash: string; response: T }>(
      `SELECT operation, request_hash AS "requestHash", response FROM idempotency_keys WHERE key = $1`,
      [idempotent.key],
    );
    const recorded = earlier.rows[0];
    if (recorded) {
      if (recorded.requestHash !== hash || recorded.operation !== idempotent.operation) {
        throw new VerificationError(
          'CONFLICT',
          VerificationErrorReason.idempotencyMismatch,
          `Idempotency key ${idempotent.key} was already used for another request`,
          { idempotencyKey: idempotent.key },
        );
      }
      return { result: recorded.response, replayed: true };
    }
    const result = await work(tx);
    await tx.query(
      `INSERT INTO idempotency_keys (key, operation, request_hash, response) VALUES ($1, $2, $3, $4)`,
      [idempotent.key, idempotent.operation, hash, JSON.stringify(result)],
    );
    return { result, replayed: false };
  });
}
