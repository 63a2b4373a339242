import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineEvent } from '../event-definition';
import { literalUnion } from '../common/literal-union';
import { OrcidSchema } from '../common/identifiers';
import { EmailSchema, TimestampSchema } from '../common/primitives';
import { AffiliationPeriodSchema, ProfileSettingsSchema } from '../common/profile.schema';
import { ProfileMatchFactsSchema } from '../common/profile-match-facts.schema';
import { PublicIdentifierTypeSchema, VisibilitySchema } from '../common/verification-vocabulary';

/** Parts of the profile that changed, so consumers can skip changes they do not read. */
const ProfileChangeKindsSchema = Type.Array(
  literalUnion([
    'created',
    'details',
    'identities',
    'name_variants',
    'affiliations',
    'identifier_rules',
    'settings',
    'confirmed_works',
    'imported',
  ] as const),
  { maxItems: 9, uniqueItems: true },
);

/**
 * Full state of a profile after a change, for the matching and notification read models. Internal:
 * it carries the contact e-mail address and e-mail identities.
 */
export const ProfileChangedV1 = defineEvent({
  service: 'verification',
  entity: 'profile',
  event: 'changed',
  version: 1,
  public: false,
  schema: Type.Object({
    profileId: UuidSchema,
    changes: ProfileChangeKindsSchema,
    displayName: Type.String({ minLength: 1, maxLength: 256 }),
    primaryOrcid: Type.Optional(OrcidSchema),
    /** Contact address for notification e-mails. */
    contactEmail: Type.Optional(EmailSchema),
    settings: ProfileSettingsSchema,
    facts: ProfileMatchFactsSchema,
  }),
});

/** Public view of a profile change, without contact data, rules or settings other than visibility. */
export const PublicProfileChangedV1 = defineEvent({
  service: 'verification',
  entity: 'public_profile',
  event: 'changed',
  version: 1,
  public: true,
  schema: Type.Object({
    profileId: UuidSchema,
    displayName: Type.String({ minLength: 1, maxLength: 256 }),
    primaryOrcid: Type.Optional(OrcidSchema),
    identities: Type.Array(
      Type.Object({
        type: PublicIdentifierTypeSchema,
        value: Type.String({ minLength: 1, maxLength: 320 }),
      }),
      { maxItems: 200 },
    ),
    affiliations: Type.Array(AffiliationPeriodSchema, { maxItems: 100 }),
    visibility: VisibilitySchema,
  }),
});

/** A profile was erased on its owner's request; acts stay, pseudonymised. */
export const ProfileErasedV1 = defineEvent({
  service: 'verification',
  entity: 'profile',
  event: 'erased',
  version: 1,
  public: true,
  schema: Type.Object({
    profileId: UuidSchema,
    erasedAt: TimestampSchema,
  }),
});
