import type { Logger } from 'pino';

import { CandidateFlaggedV1, CandidatesProposedV1, DecisionRecordedV1 } from '@atlas/contracts';

import {
  candidateDelegatedNotification,
  positionClaimedNotification,
  positionConflictNotification,
} from '../domain/candidate-notifications';
import { notify } from '../domain/notifier';
import { workNewVersionNotification } from '../domain/work-notifications';
import { addToAggregation } from '../repositories/candidate-aggregation.repository';
import { findProfileContact } from '../repositories/profile-contact.repository';
import {
  clearCandidateDecided,
  listPendingProfilesOnPosition,
  markCandidateDecided,
  replacePendingCandidates,
} from '../repositories/pending-candidate.repository';
import { causeOf, consumedEvent } from './event-handler';

/**
 * Tracks pending proposals for reminders, counts new ones into each profile's aggregation (one
 * notification per window instead of one per record) and notifies position conflicts at once.
 */
export function candidatesProposedHandler(log: Logger) {
  return consumedEvent(CandidatesProposedV1, async (event, tx) => {
    const { record, proposals } = event.data;
    const fresh = await replacePendingCandidates(tx, record.source, record.sourceId, proposals);
    const cause = causeOf(log, event);

    for (const proposal of proposals) {
      if (!fresh.has(`${proposal.profileId}:${proposal.authorPosition}`)) continue;
      const contact = await findProfileContact(tx, proposal.profileId);
      if (!contact || contact.erased) {
        cause.log.warn(
          { profileId: proposal.profileId },
          'Candidate of an unknown or erased profile not counted',
        );
        continue;
      }
      const conflicting = proposal.conflict.length > 0;
      await addToAggregation(tx, proposal.profileId, 1, conflicting ? 1 : 0);
      if (!conflicting) continue;
      const draft = positionConflictNotification({
        profileId: proposal.profileId,
        source: record.source,
        sourceId: record.sourceId,
        authorPosition: proposal.authorPosition,
        otherProfileCount: proposal.conflict.length,
      });
      await notify(tx, draft, cause);
    }
  });
}

const CONFIRMED_STATUSES = new Set(['confirmed', 'auto_confirmed']);

/**
 * Stops reminding of a decided candidate. A confirmation notifies the other profiles still pending on
 * the same author position, and a delegation notifies the profile whose candidate was delegated.
 */
export function decisionRecordedHandler(log: Logger) {
  return consumedEvent(DecisionRecordedV1, async (event, tx) => {
    const { data } = event;
    const cause = causeOf(log, event);
    const position = {
      source: data.record.source,
      sourceId: data.record.sourceId,
      authorPosition: data.authorPosition,
    };
    if (data.decision === 'delegate') {
      const draft = candidateDelegatedNotification({
        profileId: data.profileId,
        candidateId: data.candidateId,
        ...position,
      });
      await notify(tx, draft, cause);
    }
    if (data.resultingStatus === 'pending') {
      await clearCandidateDecided(tx, { profileId: data.profileId, ...position });
      return;
    }
    await markCandidateDecided(tx, { profileId: data.profileId, ...position });
    if (!CONFIRMED_STATUSES.has(data.resultingStatus)) return;

    const rivals = await listPendingProfilesOnPosition(tx, position, data.profileId);
    for (const profileId of rivals)
      await notify(tx, positionClaimedNotification({ profileId, ...position }), cause);
  });
}

/** Asks the profile to review a decided candidate whose record has a material new version. */
export function candidateFlaggedHandler(log: Logger) {
  return consumedEvent(CandidateFlaggedV1, async (event, tx) => {
    await notify(tx, workNewVersionNotification(event.data), causeOf(log, event));
  });
}
