export type {
  AuthorSummary,
  RecordSummary,
  ProfileRule,
  ProfileSummary,
  PreparedProfile,
} from './match-inputs';
export { prepareProfile, foldInstitution } from './prepare-profile';
export { observePair } from './signal-levels';
export type { SignalObservation, PairObservations } from './signal-levels';
export { DEFAULT_MODEL, DEFAULT_THRESHOLDS, sigmoid } from './match-model';
export type { MatchModel, MatchThresholds } from './match-model';
export { scorePair } from './score-pair';
export type { PairScore } from './score-pair';
export { matchRecord } from './propose-candidates';
export type { Proposal, RecordMatch, CandidateProfiles } from './propose-candidates';
export { ProfileIndex, profileIndexKeys, authorLookupKeys } from './profile-index';
export { summariseWork, topicKeys } from './summarise-work';
export { fitModel } from './fit-model';
export type { LabelledPair } from './fit-model';
