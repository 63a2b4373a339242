import { draft, plural } from './notification-draft';

import type { EventData, ProfileChangedV1, ProfileSyncFinishedV1 } from '@atlas/contracts';

import type { NotificationDraft } from './notification-draft';

/** Profile changes a person may want to hear about; matching and import bookkeeping are left out. */
const NOTIFIED_CHANGES = [
  'details',
  'identities',
  'name_variants',
  'affiliations',
  'identifier_rules',
  'settings',
];

const CHANGE_LABELS: Record<string, string> = {
  details: 'details',
  identities: 'identities',
  name_variants: 'name variants',
  affiliations: 'affiliations',
  identifier_rules: 'identifier rules',
  settings: 'settings',
};

/** Describes a profile change, or returns undefined when it touches nothing worth notifying. */
export function profileUpdatedNotification(
  change: EventData<typeof ProfileChangedV1>,
): NotificationDraft | undefined {
  const notified = change.changes.filter((kind) => NOTIFIED_CHANGES.includes(kind));
  if (notified.length === 0 || change.changes.includes('created')) return undefined;
  return draft({
    profileId: change.profileId,
    type: 'profile_updated',
    title: 'Your profile was updated',
    body: `Changed: ${notified.map((kind) => CHANGE_LABELS[kind]).join(', ')}.`,
    resource: { type: 'profile', id: change.profileId },
  });
}

/**
 * Summarises one synchronisation of a profile over all the sources it covered, so a run gives its
 * researcher one notification: "N new, M changed" on success, and the failed sources otherwise.
 */
export function syncFinishedNotification(sync: EventData<typeof ProfileSyncFinishedV1>): NotificationDraft {
  const counts =
    `${plural(sync.newRecords, 'new record')}, ${plural(sync.changedRecords, 'changed record')}, ` +
    `${plural(sync.removedRecords, 'removed record')}.`;
  const failed = sync.sources.filter((source) => source.outcome === 'failed').map((source) => source.source);
  const titles = {
    succeeded: 'Synchronisation finished',
    partial: `Synchronisation finished; ${failed.join(', ')} failed`,
    failed: 'Synchronisation failed',
  };
  const retry = failed.length > 0 ? ` ${failed.join(', ')} will be retried later.` : '';
  return draft({
    profileId: sync.profileId,
    type: 'sync_finished',
    title: titles[sync.outcome],
    body: sync.outcome === 'failed' ? `No source could be read.${retry}` : `${counts}${retry}`,
    resource: { type: 'sync_run', id: sync.profileSyncId },
  });
}
