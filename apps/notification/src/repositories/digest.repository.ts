import type { SqlExecutor } from '@atlas/database';

/** A profile whose digest is due, with the address to send it to. */
export interface DigestRecipient {
  profileId: string;
  displayName: string;
  contactEmail: string;
  frequency: 'immediate' | 'daily' | 'weekly';
  /** Start of the period the digest covers. */
  since: Date;
}

/** Length of the period each e-mail frequency covers, in seconds. */
export const DIGEST_PERIOD_SECONDS = { immediate: 0, daily: 86_400, weekly: 604_800 } as const;

/**
 * Locks up to `limit` profiles whose digest is due (last sent a full period ago, or never) with SKIP
 * LOCKED, so replicas running the job at once send each digest once. The lock lasts until the caller's
 * transaction ends.
 */
export async function lockDueDigests(tx: SqlExecutor, limit: number): Promise<DigestRecipient[]> {
  const { rows } = await tx.query<{
    profile_id: string;
    display_name: string;
    contact_email: string;
    notification_frequency: DigestRecipient['frequency'];
    since: Date;
  }>(
    `WITH periods(frequency, seconds) AS (VALUES ('immediate', $1::int), ('daily', $2::int), ('weekly', $3::int))
     SELECT c.profile_id, c.display_name, c.contact_email, c.notification_frequency,
            coalesce(c.last_digest_at, now() - make_interval(secs => greatest(p.seconds, 86400))) AS since
     FROM profile_contacts c JOIN periods p ON p.frequency = c.notification_frequency
     WHERE c.erased_at IS NULL AND c.contact_email IS NOT NULL
       AND (c.last_digest_at IS NULL OR c.last_digest_at <= now() - make_interval(secs => p.seconds))
     ORDER BY c.last_digest_at NULLS FIRST LIMIT $4
     FOR UPDATE OF c SKIP LOCKED`,
    [DIGEST_PERIOD_SECONDS.immediate, DIGEST_PERIOD_SECONDS.daily, DIGEST_PERIOD_SECONDS.weekly, limit],
  );
  return rows.map((row) => ({
    profileId: row.profile_id,
    displayName: row.display_name,
    contactEmail: row.contact_email,
    frequency: row.notification_frequency,
    since: row.since,
  }));
}

/** Records when a profile's digest covered notifications up to. */
export async function markDigestSent(tx: SqlExecutor, profileId: string, sentAt: Date): Promise<void> {
  await tx.query('UPDATE profile_contacts SET last_digest_at = $2 WHERE profile_id = $1', [
    profileId,
    sentAt,
  ]);
}
