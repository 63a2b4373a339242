import type { Logger } from 'pino';
import type { Pool } from 'pg';

import { pgExecutor, withTransaction } from '@atlas/database';

import { composeDigest } from '../domain/digest';
import { lockDueDigests, markDigestSent } from '../repositories/digest.repository';
import { listNotificationsCreatedSince } from '../repositories/notification.repository';

import { countDelivered } from '../delivery/delivery-metrics';
import type { Mailer } from '../delivery/mailer';

const DIGEST_BATCH = 50;
/** Notifications listed in one e-mail; the application shows the rest. */
const MAX_DIGEST_ITEMS = 100;

/**
 * Sends the due digest e-mails, one transaction per batch that holds the profiles' row locks while
 * sending. Profiles without new notifications get no e-mail but their period still advances; a failed
 * send is logged and retried on the next run.
 *
 * NOTE: a crash between a successful send and the commit sends that digest again on the next run.
 */
export async function sendDueDigests(pool: Pool, mailer: Mailer, log: Logger): Promise<number> {
  return withTransaction(pool, async (client) => {
    const tx = pgExecutor(client);
    const recipients = await lockDueDigests(tx, DIGEST_BATCH);
    let sent = 0;
    for (const recipient of recipients) {
      const sentAt = new Date();
      const notifications = await listNotificationsCreatedSince(
        tx,
        recipient.profileId,
        recipient.since,
        MAX_DIGEST_ITEMS,
      );
      if (notifications.length > 0) {
        try {
          await mailer.send(composeDigest(recipient, notifications));
        } catch (error) {
          // The period does not advance, so the next run tries this profile again.
          log.error({ err: error, profileId: recipient.profileId }, 'Digest e-mail failed; will retry');
          continue;
        }
        sent += 1;
        countDelivered('email', notifications.length);
        log.info({ profileId: recipient.profileId, items: notifications.length }, 'Digest e-mail sent');
      }
      await markDigestSent(tx, recipient.profileId, sentAt);
    }
    return sent;
  });
}
