import Type from 'typebox';

/**
 * Schemas of the identifiers the system compares across sources. Each pattern accepts the normal
 * form only, so two records naming the same thing always carry the same string.
 */

/** DOI in lower case without a resolver prefix (`10.7717/peerj.4375`, not `https://doi.org/...`). */
export const DoiSchema = Type.String({
  pattern: '^10\\.[0-9]{4,9}/[^\\sA-Z]+$',
  maxLength: 512,
  description: 'DOI in lower case without resolver prefix',
});

/**
 * ORCID iD in its 16-character hyphenated form (`0000-0002-1825-0097`). The pattern checks the shape
 * only; the ISO 7064 mod 11-2 check digit is verified by `isValidOrcid`.
 */
export const OrcidSchema = Type.String({
  pattern: '^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$',
  description: 'ORCID iD without resolver prefix',
});

/** ROR id, the nine-character suffix of `https://ror.org/<id>` (`05ppvf150`). */
export const RorIdSchema = Type.String({ pattern: '^0[a-z0-9]{6}[0-9]{2}$', description: 'ROR id' });

/** ISSN with its hyphen and an upper-case check character (`2167-8359`). */
export const IssnSchema = Type.String({ pattern: '^[0-9]{4}-[0-9]{3}[0-9X]$' });

/** ISBN-10 or ISBN-13 as digits only, with an upper-case `X` check character for ISBN-10. */
export const IsbnSchema = Type.String({ pattern: '^([0-9]{9}[0-9X]|97[89][0-9]{10})$' });

/** arXiv identifier without version suffix: `2101.00001` or an old-style `hep-th/9901001`. */
export const ArxivIdSchema = Type.String({
  pattern: '^([0-9]{4}\\.[0-9]{4,5}|[a-z-]+(\\.[A-Z]{2})?/[0-9]{7})$',
});

/** DataCite DOI that arXiv assigns to each paper (`10.48550/arxiv.2101.00001`). */
export const ArxivDoiSchema = Type.String({ pattern: '^10\\.48550/arxiv\\.[^\\sA-Z]+$' });

/** HAL document id without version suffix (`hal-00845819`, `tel-01234567`, `halshs-00000001`). */
export const HalIdSchema = Type.String({ pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*-[0-9]{8}$' });

/** OpenAlex work id without URL prefix (`W2741809807`). */
export const OpenAlexWorkIdSchema = Type.String({ pattern: '^W[0-9]{1,15}$' });

/** OpenAlex author id without URL prefix (`A5048491430`). */
export const OpenAlexAuthorIdSchema = Type.String({ pattern: '^A[0-9]{1,15}$' });

/** OpenAlex institution id without URL prefix (`I4210166736`). */
export const OpenAlexInstitutionIdSchema = Type.String({ pattern: '^I[0-9]{1,15}$' });

/** PubMed id, digits only. */
export const PmidSchema = Type.String({ pattern: '^[0-9]{1,10}$' });

/** PubMed Central id with its `PMC` prefix (`PMC5815332`). */
export const PmcidSchema = Type.String({ pattern: '^PMC[0-9]{1,10}$' });
