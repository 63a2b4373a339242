import type { Logger } from 'pino';
import type { Pool } from 'pg';

import { pgExecutor, withTransaction } from '@atlas/database';

import { newCandidatesNotification } from '../domain/candidate-notifications';
import { notify } from '../domain/notifier';
import { takeClosedAggregations } from '../repositories/candidate-aggregation.repository';

const FLUSH_BATCH = 100;

/**
 * Turns every candidate aggregation whose window has closed into one `new candidates` notification.
 * Claiming, notifying and the outbox write share one transaction, so a crash loses nothing.
 */
export async function flushCandidateAggregations(pool: Pool, windowMs: number, log: Logger): Promise<number> {
  let flushed = 0;
  for (;;) {
    const count = await withTransaction(pool, async (client) => {
      const tx = pgExecutor(client);
      const aggregates = await takeClosedAggregations(tx, windowMs, FLUSH_BATCH);
      for (const aggregate of aggregates) await notify(tx, newCandidatesNotification(aggregate), { log });
      return aggregates.length;
    });
    flushed += count;
    if (count < FLUSH_BATCH) return flushed;
  }
}
