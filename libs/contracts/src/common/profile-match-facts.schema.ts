import Type from 'typebox';

import type { Static } from 'typebox';

import { OrcidSchema } from './identifiers';
import { YearSchema } from './primitives';
import { AffiliationPeriodSchema, IdentifierRuleSchema, ProfileIdentitySchema } from './profile.schema';

/** Co-author of confirmed works, with the number of works shared. */
export const ConfirmedCoauthorSchema = Type.Object({
  /** Name as listed on the works. */
  name: Type.String({ minLength: 1, maxLength: 256 }),
  /** ORCID iD, when a work gave a valid one. */
  orcid: Type.Optional(OrcidSchema),
  /** Works shared with the profile. */
  sharedWorks: Type.Integer({ minimum: 1 }),
});

/** Topic of confirmed works, with the number of works carrying it. */
export const ConfirmedTopicSchema = Type.Object({
  /** Topic label. */
  label: Type.String({ minLength: 1, maxLength: 256 }),
  /** Topic id in its vocabulary. */
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  /** Confirmed works carrying it. */
  works: Type.Integer({ minimum: 1 }),
});

/** Maximum number of identifier rules of one profile. */
export const MAX_IDENTIFIER_RULES = 500;

/**
 * Profile facts the matcher uses: identities, names, career and the summary of confirmed works.
 * Lists are capped (most frequent entries first) so a profile event filled to every cap stays under
 * the 1 MB message limit for two-byte text, which a test checks.
 */
export const ProfileMatchFactsSchema = Type.Object({
  /** Identities of every type, e-mail addresses included. */
  identities: Type.Array(ProfileIdentitySchema, { maxItems: 200 }),
  /** Name variants: maiden names, transliterations, other spellings. */
  nameVariants: Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { maxItems: 100 }),
  /** Affiliations over time. */
  affiliations: Type.Array(AffiliationPeriodSchema, { maxItems: 100 }),
  /** Identifier rules. */
  identifierRules: Type.Array(IdentifierRuleSchema, { maxItems: MAX_IDENTIFIER_RULES }),
  /** Most frequent co-authors of confirmed works. */
  coauthors: Type.Array(ConfirmedCoauthorSchema, { maxItems: 300 }),
  /** Most frequent topics of confirmed works. */
  topics: Type.Array(ConfirmedTopicSchema, { maxItems: 100 }),
  /** First and last publication year of confirmed works. */
  activeYears: Type.Optional(Type.Object({ first: YearSchema, last: YearSchema })),
  /** Number of confirmed works. */
  confirmedWorks: Type.Integer({ minimum: 0 }),
});
export type ProfileMatchFacts = Static<typeof ProfileMatchFactsSchema>;
