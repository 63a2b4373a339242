import type { Logger } from 'pino';
import type { Pool } from 'pg';

import { pgExecutor, withTransaction } from '@atlas/database';

import { pendingReminderNotification } from '../domain/candidate-notifications';
import { notify } from '../domain/notifier';
import { claimDueReminders } from '../repositories/pending-candidate.repository';

/** Settings of the reminder job. */
export interface ReminderSettings {
  /** Age from which a pending candidate counts as waiting too long, in milliseconds. */
  pendingAgeMs: number;
  /** Minimum time between two reminders of one profile, in milliseconds. */
  intervalMs: number;
}

const DAY_MS = 86_400_000;
const REMINDER_BATCH = 200;

/** Reminds each profile whose candidates have waited too long; returns how many were reminded. */
export async function sendPendingReminders(
  pool: Pool,
  settings: ReminderSettings,
  log: Logger,
): Promise<number> {
  return withTransaction(pool, async (client) => {
    const tx = pgExecutor(client);
    const due = await claimDueReminders(tx, settings.pendingAgeMs, settings.intervalMs, REMINDER_BATCH);
    const olderThanDays = Math.max(1, Math.round(settings.pendingAgeMs / DAY_MS));
    for (const profile of due) {
      await notify(tx, pendingReminderNotification({ ...profile, olderThanDays }), { log });
    }
    return due.length;
  });
}
