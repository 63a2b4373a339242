import { draft } from './notification-draft';

import type { EventData } from '@atlas/contracts';
import type { CandidateFlaggedV1, WorkConfirmedV1, WorkUpdatedV1 } from '@atlas/contracts';

import type { NotificationDraft } from './notification-draft';

const FLAG_REASON_LABELS: Record<string, string> = {
  title: 'title',
  authors: 'author list',
  identifiers: 'identifiers',
  retraction: 'retraction notice',
  withdrawal: 'withdrawal notice',
  removed: 'removal from the source',
};

/** Title of a canonical work carried inline, or a generic label when only a reference travels. */
function workTitle(work: EventData<typeof WorkConfirmedV1>['work']): string | undefined {
  return work.kind === 'inline' ? work.value.title : undefined;
}

/** Asks a profile to review a decided candidate whose record changed materially. */
export function workNewVersionNotification(flag: EventData<typeof CandidateFlaggedV1>): NotificationDraft {
  const changes = flag.reasons.map((reason) => FLAG_REASON_LABELS[reason] ?? reason).join(', ');
  const resource = flag.workId
    ? { type: 'work' as const, id: flag.workId }
    : { type: 'candidate' as const, id: flag.candidateId };
  return draft({
    profileId: flag.profileId,
    type: 'work_new_version',
    title: `A new version of a ${flag.status.replace('_', ' ')} publication needs review`,
    body: `The ${flag.record.source} record ${flag.record.sourceId} changed: ${changes}. Your decision is kept.`,
    resource,
  });
}

/** Tells each co-author already confirmed on a work that another profile confirmed it too. */
export function coauthorVerifiedNotifications(
  confirmed: EventData<typeof WorkConfirmedV1>,
  confirmingName: string | undefined,
): NotificationDraft[] {
  const title = workTitle(confirmed.work);
  const who = confirmingName ?? 'A co-author';
  return confirmed.coauthorProfileIds
    .filter((profileId) => profileId !== confirmed.profileId)
    .map((profileId) =>
      draft({
        profileId,
        type: 'coauthor_verified',
        title: `${who} confirmed a publication you share`,
        body: title ? `${who} confirmed authorship of “${title}”.` : `${who} confirmed a shared publication.`,
        resource: { type: 'work', id: confirmed.workId },
      }),
    );
}

/** Tells each profile confirmed on a work that the work was retracted or withdrawn. */
export function workRetractedNotifications(updated: EventData<typeof WorkUpdatedV1>): NotificationDraft[] {
  const change = updated.changes.includes('retracted') ? 'retracted' : 'withdrawn';
  const title = workTitle(updated.work);
  return updated.profileIds.map((profileId) =>
    draft({
      profileId,
      type: 'work_retracted',
      title: `A publication on your profile was ${change}`,
      body: title ? `“${title}” was ${change} by its publisher or repository.` : undefined,
      resource: { type: 'work', id: updated.workId },
    }),
  );
}
