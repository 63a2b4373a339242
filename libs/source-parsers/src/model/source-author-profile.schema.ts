import Type from 'typebox';

import type { Static } from 'typebox';

import { OrcidSchema, RorIdSchema, SourceSchema, TopicSchema, YearSchema } from '@atlas/contracts';

/** An institution a source links an author to, with the years it saw the link. */
export const ProfileAffiliationSchema = Type.Object({
  /** Institution name. */
  institutionName: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  /** ROR id of the institution. */
  rorId: Type.Optional(RorIdSchema),
  /** OpenAlex institution id. */
  openalexInstitutionId: Type.Optional(Type.String({ pattern: '^I[0-9]{1,15}$' })),
  /** Country code of the institution. */
  countryCode: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  /** Years with at least one work at this institution (OpenAlex), newest first as given. */
  years: Type.Array(YearSchema, { maxItems: 200 }),
  /** First year of an employment or education (ORCID). */
  startYear: Type.Optional(YearSchema),
  /** Last year of an employment or education (ORCID). */
  endYear: Type.Optional(YearSchema),
  /** Role or department text (ORCID). */
  role: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  /** Flag for the institutions the source lists as the latest. */
  isLastKnown: Type.Boolean(),
});
export type ProfileAffiliation = Static<typeof ProfileAffiliationSchema>;

/**
 * A researcher as one source describes them (an OpenAlex author, an ORCID person). Profiles of the
 * verification service are created from these.
 */
export const SourceAuthorProfileSchema = Type.Object({
  /** Source of the record. */
  source: SourceSchema,
  /** Record id inside the source (OpenAlex `A…` id or ORCID iD). */
  sourceId: Type.String({ minLength: 1, maxLength: 512, pattern: '^\\S+$' }),
  /** Name the source displays; absent in ORCID search results, which carry only the iD. */
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  /** Given name(s), when the source separates them. */
  givenName: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  /** Family name, when the source separates it. */
  familyName: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  /** Other spellings and names (OpenAlex alternatives, ORCID other names and credit name). */
  alternativeNames: Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { maxItems: 500 }),
  /** Valid ORCID iD. */
  orcid: Type.Optional(OrcidSchema),
  /** ORCID text as given, kept when it failed validation. */
  orcidRaw: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  /** Flag set when the source gave an ORCID with a wrong shape or check digit. */
  orcidInvalid: Type.Optional(Type.Boolean()),
  /** OpenAlex author id. */
  openalexId: Type.Optional(Type.String({ pattern: '^A[0-9]{1,15}$' })),
  /** Ids of other schemes (Scopus author id, ResearcherID...). */
  externalIds: Type.Array(
    Type.Object({
      scheme: Type.String({ minLength: 1, maxLength: 64 }),
      value: Type.String({ minLength: 1, maxLength: 512 }),
    }),
    { maxItems: 100 },
  ),
  /** Affiliations, newest first where the source orders them. */
  affiliations: Type.Array(ProfileAffiliationSchema, { maxItems: 500 }),
  /** Research topics. */
  topics: Type.Array(TopicSchema, { maxItems: 200 }),
  /** Free keywords the person gave (ORCID). */
  keywords: Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { maxItems: 200 }),
  /** Public e-mail addresses (ORCID). */
  emails: Type.Array(Type.String({ minLength: 3, maxLength: 320 }), { maxItems: 20 }),
});
export type SourceAuthorProfile = Static<typeof SourceAuthorProfileSchema>;
