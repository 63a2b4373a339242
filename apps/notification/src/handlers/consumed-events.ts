import type { Logger } from 'pino';

import {
  candidateFlaggedHandler,
  candidatesProposedHandler,
  decisionRecordedHandler,
} from './candidate.handlers';
import { profileChangedHandler, profileErasedHandler } from './profile.handlers';
import { profileSyncFinishedHandler } from './sync.handlers';
import { workConfirmedHandler, workUpdatedHandler } from './work.handlers';

import type { ConsumedEvent } from './event-handler';

/** Every event the notification service consumes, each with its handler. */
// Handlers of different payload types share one list, so their types are erased here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function consumedEvents(log: Logger): ConsumedEvent<any>[] {
  return [
    profileChangedHandler(log),
    profileErasedHandler(log),
    candidatesProposedHandler(log),
    decisionRecordedHandler(log),
    candidateFlaggedHandler(log),
    workConfirmedHandler(log),
    workUpdatedHandler(log),
    profileSyncFinishedHandler(log),
  ];
}
