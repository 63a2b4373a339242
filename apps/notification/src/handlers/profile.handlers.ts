import type { Logger } from 'pino';

import { ProfileChangedV1, ProfileErasedV1 } from '@atlas/contracts';

import { notify } from '../domain/notifier';
import { profileUpdatedNotification } from '../domain/profile-notifications';
import { eraseProfile, upsertProfileContact } from '../repositories/profile-contact.repository';
import { causeOf, consumedEvent } from './event-handler';

/** Keeps the contact read model from profile changed events and notifies the owner of edits. */
export function profileChangedHandler(log: Logger) {
  return consumedEvent(ProfileChangedV1, async (event, tx) => {
    const changed = await upsertProfileContact(tx, {
      profileId: event.data.profileId,
      displayName: event.data.displayName,
      contactEmail: event.data.contactEmail,
      notificationFrequency: event.data.settings.notificationFrequency,
      entityVersion: event.entityVersion,
    });
    if (!changed) {
      log.debug(
        { eventId: event.id, profileId: event.data.profileId },
        'Older or erased profile version ignored',
      );
      return;
    }
    const draft = profileUpdatedNotification(event.data);
    if (draft) await notify(tx, draft, causeOf(log, event));
  });
}

/** Forgets an erased profile's contact data and notifications, keeping a tombstone. */
export function profileErasedHandler(log: Logger) {
  return consumedEvent(ProfileErasedV1, async (event, tx) => {
    await eraseProfile(tx, event.data.profileId, event.entityVersion);
    log.info({ eventId: event.id, profileId: event.data.profileId }, 'Erased profile forgotten');
  });
}
