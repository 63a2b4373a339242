import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineRpc } from '../rpc-definition';
import { ActorSchema } from '../common/actor';
import { OrcidSchema, RorIdSchema } from '../common/identifiers';
import { EmailSchema, PartialDateSchema, ProbabilitySchema, UrlSchema } from '../common/primitives';
import { NotificationFrequencySchema } from '../common/notification-vocabulary';
import {
  AffiliationPeriodSchema,
  IdentityValueSchema,
  ProfileSchema,
  ProfileSettingsSchema,
} from '../common/profile.schema';
import { SourceSchema } from '../common/sources';
import { IdentifierTypeSchema, VisibilitySchema } from '../common/verification-vocabulary';

/** Request fields naming the actor and the profile acted on. */
const profileRequest = { actor: ActorSchema, profileId: UuidSchema };

/** Profile fields a person may edit. */
const ProfileEditSchema = Type.Object({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  email: Type.Optional(Type.Union([EmailSchema, Type.Null()])),
  avatarUrl: Type.Optional(Type.Union([UrlSchema, Type.Null()])),
  bio: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
  nameVariants: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { maxItems: 100 })),
  affiliations: Type.Optional(Type.Array(AffiliationPeriodSchema, { maxItems: 100 })),
});

/** A profile with its name variants and affiliations. */
const ProfileDetailSchema = Type.Intersect([
  ProfileSchema,
  Type.Object({
    nameVariants: Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { maxItems: 100 }),
    affiliations: Type.Array(AffiliationPeriodSchema, { maxItems: 100 }),
  }),
]);

/** One profile with its name variants and affiliations. */
export const GetProfileRpc = defineRpc({
  service: 'verification',
  operation: 'getProfile',
  request: Type.Object(profileRequest),
  result: ProfileDetailSchema,
});

/** Profile holding an identity, for sign-in (`orcid`) and admin look-ups. */
export const FindProfileByIdentityRpc = defineRpc({
  service: 'verification',
  operation: 'findProfileByIdentity',
  request: Type.Object({ actor: ActorSchema, type: IdentifierTypeSchema, value: IdentityValueSchema }),
  result: Type.Object({ profileId: Type.Union([UuidSchema, Type.Null()]) }),
});

/** Creates a profile; with an ORCID already held by a profile, returns that one instead. */
export const CreateProfileRpc = defineRpc({
  service: 'verification',
  operation: 'createProfile',
  request: Type.Object({
    actor: ActorSchema,
    displayName: Type.String({ minLength: 1, maxLength: 256 }),
    orcid: Type.Optional(OrcidSchema),
    email: Type.Optional(EmailSchema),
    institutionId: Type.Optional(UuidSchema),
  }),
  result: Type.Object({ profile: ProfileDetailSchema, created: Type.Boolean() }),
});

/** Edits a profile; `expectedVersion` rejects the edit with CONFLICT when someone changed it meanwhile. */
export const UpdateProfileRpc = defineRpc({
  service: 'verification',
  operation: 'updateProfile',
  request: Type.Object({
    ...profileRequest,
    expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })),
    changes: ProfileEditSchema,
  }),
  result: ProfileDetailSchema,
});

/** Settings of a profile. */
export const GetSettingsRpc = defineRpc({
  service: 'verification',
  operation: 'getSettings',
  request: Type.Object(profileRequest),
  result: ProfileSettingsSchema,
});

/** Changes some settings; the auto-confirm threshold is raised to the system floor if set below it. */
export const UpdateSettingsRpc = defineRpc({
  service: 'verification',
  operation: 'updateSettings',
  request: Type.Object({
    ...profileRequest,
    changes: Type.Object({
      autoConfirmThreshold: Type.Optional(ProbabilitySchema),
      notificationFrequency: Type.Optional(NotificationFrequencySchema),
      watchedSources: Type.Optional(Type.Array(SourceSchema, { maxItems: 5, uniqueItems: true })),
      visibility: Type.Optional(VisibilitySchema),
      allowNameSearch: Type.Optional(Type.Boolean()),
    }),
  }),
  result: ProfileSettingsSchema,
});

/** Shared part of the affiliation of an imported profile. */
const ImportedAffiliationSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 512 }),
  rorId: Type.Optional(RorIdSchema),
  start: Type.Optional(PartialDateSchema),
  end: Type.Optional(PartialDateSchema),
});

/**
 * Creates or updates profiles from ORCID records or OpenAlex author objects already stored by ingest
 * (admin only). Existing profiles are matched by ORCID or OpenAlex author id.
 */
export const ImportProfilesRpc = defineRpc({
  service: 'verification',
  operation: 'importProfiles',
  request: Type.Object({
    actor: ActorSchema,
    rawRecordIds: Type.Array(UuidSchema, { minItems: 1, maxItems: 1000, uniqueItems: true }),
    defaults: Type.Optional(
      Type.Object({
        institutionId: Type.Optional(UuidSchema),
        affiliation: Type.Optional(ImportedAffiliationSchema),
      }),
    ),
  }),
  result: Type.Object({
    created: Type.Integer({ minimum: 0 }),
    updated: Type.Integer({ minimum: 0 }),
    rejected: Type.Array(Type.Object({ rawRecordId: UuidSchema, reason: Type.String({ maxLength: 1000 }) }), {
      maxItems: 1000,
    }),
  }),
});

/** Erases a profile's personal data; acts stay with the profile pseudonymised. */
export const EraseProfileRpc = defineRpc({
  service: 'verification',
  operation: 'eraseProfile',
  request: Type.Object({
    ...profileRequest,
    confirmDisplayName: Type.String({ minLength: 1, maxLength: 256 }),
  }),
  result: Type.Object({ erasedAt: Type.String({ format: 'date-time' }) }),
});
