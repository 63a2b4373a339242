import type { Logger } from 'pino';

import type { EventData, EventEnvelope, ProfileChangedV1, ProfileErasedV1 } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import {
  deleteSyncProfile,
  lockSyncProfileVersion,
  saveSyncProfile,
  syncProfileOf,
  syncWatchedCursors,
} from '../repositories/sync-profile.repository';

/**
 * Builds the consumer of profile changed events: keeps the profile's identities in the read model and
 * one cursor per watched source. A version not newer than the one held is ignored. A newly watched
 * source is due at once, so a new profile gets its first harvest without waiting for its slot.
 */
export function onProfileChanged(log: Logger) {
  return async (event: EventEnvelope<EventData<typeof ProfileChangedV1>>, tx: SqlExecutor): Promise<void> => {
    const { profileId } = event.data;
    const held = await lockSyncProfileVersion(tx, profileId);
    if (held !== undefined && event.entityVersion <= held) {
      log.info({ profileId, version: event.entityVersion, held }, 'profile version already held; ignored');
      return;
    }
    const profile = syncProfileOf(event.data);
    await saveSyncProfile(tx, profile, event.entityVersion);
    await syncWatchedCursors(tx, profileId, profile.watchedSources, new Date());
  };
}

/** Builds the consumer of profile erased events: forgets the profile and its cursors. */
export function onProfileErased(log: Logger) {
  return async (event: EventEnvelope<EventData<typeof ProfileErasedV1>>, tx: SqlExecutor): Promise<void> => {
    const deleted = await deleteSyncProfile(tx, event.data.profileId);
    log.info({ profileId: event.data.profileId, deleted }, 'erased profile removed from synchronisation');
  };
}
