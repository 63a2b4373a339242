import { draft, plural } from './notification-draft';

import type { EventData, ProfileChangedV1, SourceSyncFinishedV1 } from '@atlas/contracts';

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

/** Summarises one finished synchronisation of a profile with a source. */
export function syncFinishedNotification(sync: EventData<typeof SourceSyncFinishedV1>): NotificationDraft {
  const succeeded = sync.outcome === 'succeeded';
  const body = succeeded
    ? `${plural(sync.newRecords, 'new record')}, ${plural(sync.changedRecords, 'changed record')}, ` +
      `${plural(sync.removedRecords, 'removed record')}.`
    : `The synchronisation failed${sync.failure ? `: ${sync.failure}` : '.'}`;
  return draft({
    profileId: sync.profileId,
    type: 'sync_finished',
    title: succeeded
      ? `Synchronisation with ${sync.source} finished`
      : `Synchronisation with ${sync.source} failed`,
    body,
    resource: { type: 'sync_run', id: sync.syncRunId },
  });
}
