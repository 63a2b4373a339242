import type { Logger } from 'pino';

import { ProfileSyncFinishedV1 } from '@atlas/contracts';

import { newCandidatesNotification } from '../domain/candidate-notifications';
import { notify } from '../domain/notifier';
import { syncFinishedNotification } from '../domain/profile-notifications';
import { takeProfileAggregation } from '../repositories/candidate-aggregation.repository';
import { causeOf, consumedEvent } from './event-handler';

/**
 * Summarises a finished profile synchronisation (one event per run, over all its sources) and closes
 * the profile's candidate aggregation at once, so the candidates of one run arrive as one
 * notification beside the run's summary.
 */
export function profileSyncFinishedHandler(log: Logger) {
  return consumedEvent(ProfileSyncFinishedV1, async (event, tx) => {
    const cause = causeOf(log, event);
    await notify(tx, syncFinishedNotification(event.data), cause);
    const aggregate = await takeProfileAggregation(tx, event.data.profileId);
    if (aggregate) await notify(tx, newCandidatesNotification(aggregate), cause);
  });
}
