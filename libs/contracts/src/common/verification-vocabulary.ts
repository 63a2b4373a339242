import { literalUnion } from './literal-union';

/** Decisions a person (or the system) takes on a candidate. */
export const DECISION_TYPES = [
  'confirm',
  'reject',
  'uncertain',
  'claim_duplicate',
  'claim_version',
  'claim_error',
  'delegate',
] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];
export const DecisionTypeSchema = literalUnion(DECISION_TYPES);

/**
 * Acts kept in the audit trail: every decision plus the transitions that are not decisions
 * (reopening, snoozing, expiry when the source record is removed or changes while pending).
 */
export const ACT_TYPES = [...DECISION_TYPES, 'reopen', 'snooze', 'expire'] as const;
export type ActType = (typeof ACT_TYPES)[number];
export const ActTypeSchema = literalUnion(ACT_TYPES);

/** States of a candidate; the queue shows `pending` and `uncertain`. */
export const CANDIDATE_STATUSES = [
  'pending',
  'confirmed',
  'rejected',
  'uncertain',
  'auto_confirmed',
  'auto_rejected',
  'merged',
  'expired',
] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];
export const CandidateStatusSchema = literalUnion(CANDIDATE_STATUSES);

/** Confidence levels of the person deciding. */
export const CONFIDENCE_LEVELS = ['certain', 'probable', 'possible', 'uncertain'] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];
export const ConfidenceLevelSchema = literalUnion(CONFIDENCE_LEVELS);

/** Channel through which a decision was taken (`verification_acts.decided_via`). */
export const DECIDED_VIA = ['web', 'api', 'import', 'auto'] as const;
export type DecidedVia = (typeof DECIDED_VIA)[number];
export const DecidedViaSchema = literalUnion(DECIDED_VIA);

/** Kinds of identity a profile may hold (`profile_identities.identifier_type`). */
export const IDENTIFIER_TYPES = [
  'orcid',
  'email',
  'openalex',
  'hal_idhal',
  'hal_person',
  'idref',
  'scopus',
  'researcherid',
  'name_variant',
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];
export const IdentifierTypeSchema = literalUnion(IDENTIFIER_TYPES);

/** Identity types an outside system may see: every type except e-mail. */
export const PUBLIC_IDENTIFIER_TYPES = [
  'orcid',
  'openalex',
  'hal_idhal',
  'hal_person',
  'idref',
  'scopus',
  'researcherid',
  'name_variant',
] as const satisfies readonly Exclude<IdentifierType, 'email'>[];
export const PublicIdentifierTypeSchema = literalUnion(PUBLIC_IDENTIFIER_TYPES);

/** Role of a record inside a canonical work after a merge. */
export const MERGE_ROLES = ['primary', 'version', 'duplicate', 'erratum'] as const;
export type MergeRole = (typeof MERGE_ROLES)[number];
export const MergeRoleSchema = literalUnion(MERGE_ROLES);

/** Audiences of a profile's publication list. */
export const VISIBILITIES = ['public', 'institution', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const VisibilitySchema = literalUnion(VISIBILITIES);

/** Roles of a signed-in account, from the gateway's access schema. */
export const ACTOR_ROLES = ['researcher', 'curator', 'admin', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];
export const ActorRoleSchema = literalUnion(ACTOR_ROLES);

/** Whether an identifier rule claims or disowns the records carrying the identifier. */
export const IDENTIFIER_RULE_EFFECTS = ['include', 'exclude'] as const;
export type IdentifierRuleEffect = (typeof IDENTIFIER_RULE_EFFECTS)[number];
export const IdentifierRuleEffectSchema = literalUnion(IDENTIFIER_RULE_EFFECTS);

/** Identifier schemes an identifier rule may name. */
export const RULE_IDENTIFIER_TYPES = [
  'doi',
  'arxiv',
  'hal',
  'openalex_work',
  'openalex_author',
  'hal_idhal',
  'orcid',
] as const;
export type RuleIdentifierType = (typeof RULE_IDENTIFIER_TYPES)[number];
export const RuleIdentifierTypeSchema = literalUnion(RULE_IDENTIFIER_TYPES);

/** Export formats of a profile's verified works. */
export const EXPORT_FORMATS = ['bibtex', 'ris', 'csljson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const ExportFormatSchema = literalUnion(EXPORT_FORMATS);
