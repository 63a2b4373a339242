import {
  CandidateFlaggedV1,
  DecisionRecordedV1,
  PublicDecisionRecordedV1,
} from './verification-decision.events';
import { ProfileChangedV1, ProfileErasedV1, PublicProfileChangedV1 } from './verification-profile.events';
import {
  WorkConfirmedV1,
  WorkMergedV1,
  WorkMergeProposedV1,
  WorkMergeUndoneV1,
  WorkUnlinkedV1,
  WorkUpdatedV1,
} from './verification-work.events';

/** Events the verification service publishes. */
export const VERIFICATION_EVENTS = [
  ProfileChangedV1,
  PublicProfileChangedV1,
  ProfileErasedV1,
  DecisionRecordedV1,
  PublicDecisionRecordedV1,
  CandidateFlaggedV1,
  WorkConfirmedV1,
  WorkUpdatedV1,
  WorkUnlinkedV1,
  WorkMergedV1,
  WorkMergeUndoneV1,
  WorkMergeProposedV1,
] as const;
