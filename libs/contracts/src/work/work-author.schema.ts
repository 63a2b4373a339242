import Type from 'typebox';

import type { Static } from 'typebox';

import {
  OpenAlexAuthorIdSchema,
  OpenAlexInstitutionIdSchema,
  OrcidSchema,
  RorIdSchema,
} from '../common/identifiers';
import { CountryCodeSchema, EmailSchema } from '../common/primitives';

/** One affiliation of an author on a work, as the source states it. */
export const WorkAffiliationSchema = Type.Object({
  /** Affiliation text exactly as printed in the source. */
  rawString: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  /** Institution name resolved by the source. */
  institutionName: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  /** ROR id of the institution. */
  rorId: Type.Optional(RorIdSchema),
  /** OpenAlex institution id. */
  openalexInstitutionId: Type.Optional(OpenAlexInstitutionIdSchema),
  /** HAL structure id. */
  halStructureId: Type.Optional(Type.String({ pattern: '^[0-9]{1,10}$' })),
  /** Country of the institution. */
  countryCode: Type.Optional(CountryCodeSchema),
});
export type WorkAffiliation = Static<typeof WorkAffiliationSchema>;

/** Author ids that only one source issues. */
export const SourceAuthorIdsSchema = Type.Object({
  /** OpenAlex author id. */
  openalex: Type.Optional(OpenAlexAuthorIdSchema),
  /** HAL `idHal`, the author's chosen text id (`olivier-devauchelle`). */
  halIdHal: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,127}$' })),
  /** HAL person id (`authIdPerson_i`). */
  halPersonId: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
  /** HAL author form id (`authIdForm_i`), one spelling of a person's name. */
  halFormId: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
  /** Ids from other schemes (Scopus, ResearcherID, IdRef...). */
  other: Type.Optional(
    Type.Array(
      Type.Object({
        scheme: Type.String({ minLength: 1, maxLength: 64 }),
        value: Type.String({ minLength: 1, maxLength: 256 }),
      }),
      { maxItems: 20 },
    ),
  ),
});
export type SourceAuthorIds = Static<typeof SourceAuthorIdsSchema>;

/**
 * One author of a work at one position of the author list. An ORCID whose check digit fails is not
 * put in `orcid`: its text goes to `orcidRaw` and `orcidInvalid` is set, so matching never trusts it
 * while people can still see what the source said.
 */
export const WorkAuthorSchema = Type.Object({
  /** Position in the author list, starting at 1. */
  position: Type.Integer({ minimum: 1, maximum: 100_000 }),
  /** Name as printed in the source. */
  rawName: Type.String({ minLength: 1, maxLength: 512 }),
  /** Given name(s), when the source separates them. */
  givenName: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  /** Family name, when the source separates it. */
  familyName: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  /** Valid ORCID iD in normal form. */
  orcid: Type.Optional(OrcidSchema),
  /** ORCID text as the source gave it, kept when it could not be validated. */
  orcidRaw: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  /** Flag set when the source gave an ORCID whose shape or check digit is wrong. */
  orcidInvalid: Type.Optional(Type.Boolean()),
  /** Source-specific author ids. */
  sourceIds: Type.Optional(SourceAuthorIdsSchema),
  /** Affiliations at the time of the work, in source order. */
  affiliations: Type.Array(WorkAffiliationSchema, { maxItems: 50 }),
  /** Corresponding-author flag; false when the source does not say. */
  isCorresponding: Type.Boolean(),
  /** E-mail address, when the source prints one (Crossref and HAL sometimes do). */
  email: Type.Optional(EmailSchema),
});
export type WorkAuthor = Static<typeof WorkAuthorSchema>;
