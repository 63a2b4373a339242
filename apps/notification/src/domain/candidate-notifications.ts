import { draft, plural } from './notification-draft';

import type { NotificationDraft } from './notification-draft';

/** Counts gathered for one profile during an aggregation window. */
export interface CandidateAggregate {
  profileId: string;
  candidateCount: number;
  conflictCount: number;
}

/** One notification for every candidate proposed to a profile during a window or a run. */
export function newCandidatesNotification(aggregate: CandidateAggregate): NotificationDraft {
  const conflicts =
    aggregate.conflictCount > 0
      ? ` ${plural(aggregate.conflictCount, 'candidate')} share an author position with another profile.`
      : '';
  return draft({
    profileId: aggregate.profileId,
    type: 'new_candidates',
    title: `${plural(aggregate.candidateCount, 'new candidate publication')} to review`,
    body: `The matcher proposed ${plural(aggregate.candidateCount, 'publication')} for your profile.${conflicts}`,
  });
}

/** Tells a profile that other profiles were proposed for the same author position of a record. */
export function positionConflictNotification(input: {
  profileId: string;
  source: string;
  sourceId: string;
  authorPosition: number;
  otherProfileCount: number;
}): NotificationDraft {
  return draft({
    profileId: input.profileId,
    type: 'position_conflict',
    title: `Author position ${input.authorPosition} of a ${input.source} record is also proposed to another profile`,
    body:
      `Record ${input.sourceId} (${input.source}), author position ${input.authorPosition}, was proposed ` +
      `to your profile and to ${plural(input.otherProfileCount, 'other profile')}. ` +
      'It is not confirmed automatically; please review it.',
  });
}

/** Reminds a profile of candidates that have waited longer than the reminder age. */
export function pendingReminderNotification(input: {
  profileId: string;
  pendingCount: number;
  olderThanDays: number;
}): NotificationDraft {
  return draft({
    profileId: input.profileId,
    type: 'candidates_pending_reminder',
    title: `${plural(input.pendingCount, 'candidate publication')} waiting for your review`,
    body: `${plural(input.pendingCount, 'candidate')} have been pending for more than ${plural(input.olderThanDays, 'day')}.`,
  });
}

/** Tells a profile that another profile confirmed an author position also proposed to it. */
export function positionClaimedNotification(input: {
  profileId: string;
  source: string;
  sourceId: string;
  authorPosition: number;
}): NotificationDraft {
  return draft({
    profileId: input.profileId,
    type: 'position_conflict',
    title: `Another profile confirmed an author position proposed to you`,
    body:
      `Author position ${input.authorPosition} of ${input.source} record ${input.sourceId} was confirmed ` +
      'by another profile. Review your candidate: one of the two decisions is likely wrong.',
  });
}

/** Tells a profile that one of its candidates was delegated to a co-author or curator. */
export function candidateDelegatedNotification(input: {
  profileId: string;
  candidateId: string;
  source: string;
  sourceId: string;
}): NotificationDraft {
  return draft({
    profileId: input.profileId,
    type: 'delegated_candidate',
    title: 'A candidate publication was delegated for review',
    body: `The candidate from ${input.source} record ${input.sourceId} was assigned to a co-author or curator.`,
    resource: { type: 'candidate', id: input.candidateId },
  });
}
