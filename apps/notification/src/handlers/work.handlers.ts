import type { Logger } from 'pino';

import { WorkConfirmedV1, WorkUpdatedV1 } from '@atlas/contracts';

import { notifyAll } from '../domain/notifier';
import { coauthorVerifiedNotifications, workRetractedNotifications } from '../domain/work-notifications';
import { findProfileContact } from '../repositories/profile-contact.repository';
import { causeOf, consumedEvent } from './event-handler';

/** Tells the co-authors already confirmed on a work that one more profile confirmed it. */
export function workConfirmedHandler(log: Logger) {
  return consumedEvent(WorkConfirmedV1, async (event, tx) => {
    if (event.data.coauthorProfileIds.length === 0) return;
    const confirming = await findProfileContact(tx, event.data.profileId);
    const name = confirming && !confirming.erased ? confirming.displayName : undefined;
    await notifyAll(tx, coauthorVerifiedNotifications(event.data, name), causeOf(log, event));
  });
}

/** Tells every profile confirmed on a work that it was retracted or withdrawn. */
export function workUpdatedHandler(log: Logger) {
  return consumedEvent(WorkUpdatedV1, async (event, tx) => {
    const { changes } = event.data;
    if (!changes.includes('retracted') && !changes.includes('withdrawn')) return;
    await notifyAll(tx, workRetractedNotifications(event.data), causeOf(log, event));
  });
}
