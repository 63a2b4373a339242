import Type from 'typebox';

import type { Static } from 'typebox';

import { UuidSchema } from '../envelope';
import { RorIdSchema } from './identifiers';
import { EmailSchema, PartialDateSchema, ProbabilitySchema, TimestampSchema, UrlSchema } from './primitives';
import { NotificationFrequencySchema } from './notification-vocabulary';
import { SourceSchema } from './sources';
import {
  IdentifierRuleEffectSchema,
  IdentifierTypeSchema,
  RuleIdentifierTypeSchema,
  VisibilitySchema,
} from './verification-vocabulary';

/** Value of an identity; ORCIDs and e-mail addresses are further checked by the verification service. */
export const IdentityValueSchema = Type.String({ minLength: 1, maxLength: 320 });

/** One identity of a profile (`profile_identities` row). */
export const ProfileIdentitySchema = Type.Object({
  /** Identity id. */
  id: UuidSchema,
  /** Identifier type. */
  type: IdentifierTypeSchema,
  /** Identifier value in the normal form of its type. */
  value: IdentityValueSchema,
  /** Primary flag, one per type. */
  isPrimary: Type.Boolean(),
  /** When the identity was verified, if it was. */
  verifiedAt: Type.Optional(TimestampSchema),
  /** Verification method (`orcid_oauth`, `email_link`, `curator`). */
  verificationMethod: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});
export type ProfileIdentity = Static<typeof ProfileIdentitySchema>;

/** A period of a profile's career at one institution. */
export const AffiliationPeriodSchema = Type.Object({
  /** Institution name. */
  name: Type.String({ minLength: 1, maxLength: 512 }),
  /** ROR id of the institution. */
  rorId: Type.Optional(RorIdSchema),
  /** Start of the period. */
  start: Type.Optional(PartialDateSchema),
  /** End of the period; absent while current. */
  end: Type.Optional(PartialDateSchema),
});
export type AffiliationPeriod = Static<typeof AffiliationPeriodSchema>;

/** Rule saying that every record carrying an identifier is (include) or is not (exclude) the profile's. */
export const IdentifierRuleSchema = Type.Object({
  /** Rule id. */
  id: UuidSchema,
  /** Identifier scheme. */
  identifierType: RuleIdentifierTypeSchema,
  /** Identifier value in normal form. */
  value: Type.String({ minLength: 1, maxLength: 512 }),
  /** Claim or disown. */
  effect: IdentifierRuleEffectSchema,
  /** When the rule was created. */
  createdAt: TimestampSchema,
});
export type IdentifierRule = Static<typeof IdentifierRuleSchema>;

/** Settings a profile owner controls. */
export const ProfileSettingsSchema = Type.Object({
  /** Score from which eligible proposals are confirmed without review; never below the system floor. */
  autoConfirmThreshold: ProbabilitySchema,
  /** E-mail frequency of notifications. */
  notificationFrequency: NotificationFrequencySchema,
  /** Sources synchronised for this profile. */
  watchedSources: Type.Array(SourceSchema, { maxItems: 5, uniqueItems: true }),
  /** Visibility of the publication list. */
  visibility: VisibilitySchema,
  /** Whether synchronisation may search sources by name variants, not only by identifiers. */
  allowNameSearch: Type.Boolean(),
});
export type ProfileSettings = Static<typeof ProfileSettingsSchema>;

/** A researcher profile as its owner sees it. */
export const ProfileSchema = Type.Object({
  /** Profile id. */
  id: UuidSchema,
  /** Primary ORCID iD. */
  primaryOrcid: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$' })),
  /** Name shown in lists. */
  displayName: Type.String({ minLength: 1, maxLength: 256 }),
  /** Contact e-mail address. */
  email: Type.Optional(EmailSchema),
  /** Institution id from the gateway's access schema. */
  institutionId: Type.Optional(UuidSchema),
  /** Avatar image. */
  avatarUrl: Type.Optional(UrlSchema),
  /** Short biography. */
  bio: Type.Optional(Type.String({ maxLength: 4000 })),
  /** Settings. */
  settings: ProfileSettingsSchema,
  /** Creation time. */
  createdAt: TimestampSchema,
  /** Last change. */
  updatedAt: TimestampSchema,
  /** Version, raised by every change; events carry it as `entityVersion`. */
  version: Type.Integer({ minimum: 0 }),
});
export type Profile = Static<typeof ProfileSchema>;
