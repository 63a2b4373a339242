import { isDeepStrictEqual } from 'node:util';

import type { EventData, EventEnvelope, ProfileChangedV1, ProfileErasedV1 } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import { profileStateOf } from '../domain/profile-state';
import { deleteProfile, lockProfileVersion, saveProfileState } from '../repositories/profile.repository';
import { recordsPairedWith } from '../repositories/pair.repository';
import { currentProfileSummary, reindexAndRescore, rescoreRecords } from '../services/profile-rematch';

import type { HandlerContext } from './handler-context';
import type { RescoreCounts } from '../services/profile-rematch';

type ProfileChangedData = EventData<typeof ProfileChangedV1>;

/**
 * Applies a profile state at `version` to the read model and re-scores the records it affects. A
 * version not newer than the one held is ignored; a change nothing in matching reads re-scores nothing.
 */
export async function applyProfileState(
  tx: SqlExecutor,
  data: ProfileChangedData,
  version: number,
  context: HandlerContext,
): Promise<RescoreCounts | undefined> {
  const held = await lockProfileVersion(tx, data.profileId);
  if (held !== undefined && version <= held) {
    context.log.info({ profileId: data.profileId, version, held }, 'profile version already held; ignored');
    return undefined;
  }
  const before = await currentProfileSummary(tx, data.profileId);
  await saveProfileState(tx, profileStateOf(data, version));
  const after = await currentProfileSummary(tx, data.profileId);
  if (before && after && isDeepStrictEqual({ ...before, version: 0 }, { ...after, version: 0 }))
    return { rescored: 0, published: 0 };
  return reindexAndRescore(tx, data.profileId, 'profile_changed', context.settings);
}

/** Consumer of profile changed events. */
export async function applyProfileChanged(
  event: EventEnvelope<ProfileChangedData>,
  tx: SqlExecutor,
  context: HandlerContext,
): Promise<void> {
  await applyProfileState(tx, event.data, event.entityVersion, context);
}

/**
 * Drops an erased profile from the read model, then re-scores the records it was paired with, so
 * their other proposals no longer list it as a competitor.
 */
export async function applyProfileErased(
  event: EventEnvelope<EventData<typeof ProfileErasedV1>>,
  tx: SqlExecutor,
  context: HandlerContext,
): Promise<void> {
  const paired = await recordsPairedWith(tx, event.data.profileId);
  if (!(await deleteProfile(tx, event.data.profileId))) return;
  await rescoreRecords(tx, paired, 'profile_changed', context.settings);
}
