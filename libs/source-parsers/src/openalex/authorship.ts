import type { WorkAffiliation } from '@atlas/contracts';

import { normalizeOpenAlexId, normalizeRor } from '../identifiers/other-ids';
import type { AuthorDraft } from '../model/work-builder';
import { authorDraft, orcidFields, usefulAffiliations } from '../model/work-builder';
import { asArray, asObject, cleanText } from '../text/clean-text';

type Json = Record<string, unknown>;

/** Maps one entry of an OpenAlex work's `authorships` to an author draft. */
export function parseAuthorship(value: unknown): AuthorDraft | undefined {
  const authorship = asObject(value);
  if (!authorship) return undefined;

  const author = asObject(authorship.author) ?? {};
  const openalex = normalizeOpenAlexId(author.id, 'A');
  return authorDraft(authorship.raw_author_name ?? author.display_name, {
    ...orcidFields(author.orcid),
    ...(openalex ? { sourceIds: { openalex } } : {}),
    affiliations: usefulAffiliations(authorshipAffiliations(authorship)),
    isCorresponding: authorship.is_corresponding === true,
  });
}

/**
 * Joins the raw affiliation strings with the institutions OpenAlex resolved from them. The newer
 * `affiliations` list links each string to its institutions. Older records only have two separate
 * lists that cannot be paired reliably, so both are listed one after the other.
 */
function authorshipAffiliations(authorship: Json): WorkAffiliation[] {
  const institutions = new Map<string, Json>();
  for (const institution of asArray(authorship.institutions).map(asObject)) {
    if (institution && typeof institution.id === 'string') institutions.set(institution.id, institution);
  }

  const linked = asArray(authorship.affiliations).map(asObject);
  if (linked.length === 0) {
    const rawStrings = asArray(authorship.raw_affiliation_strings).map((raw) => ({
      rawString: cleanText(raw, 2000),
    }));
    return [...rawStrings, ...[...institutions.values()].map(institutionFields)];
  }

  const used = new Set<string>();
  const result: WorkAffiliation[] = [];
  for (const entry of linked) {
    const rawString = cleanText(entry?.raw_affiliation_string, 2000);
    const ids = asArray(entry?.institution_ids).filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) result.push({ rawString });
    for (const id of ids) {
      used.add(id);
      result.push({ rawString, ...institutionFields(institutions.get(id) ?? { id }) });
    }
  }
  for (const [id, institution] of institutions)
    if (!used.has(id)) result.push(institutionFields(institution));
  return result;
}

/** Maps an OpenAlex institution object to affiliation fields. */
export function institutionFields(institution: Json): WorkAffiliation {
  const country = typeof institution.country_code === 'string' ? institution.country_code.toUpperCase() : '';
  return {
    institutionName: cleanText(institution.display_name, 512),
    rorId: normalizeRor(institution.ror),
    openalexInstitutionId: normalizeOpenAlexId(institution.id, 'I'),
    countryCode: /^[A-Z]{2}$/.test(country) ? country : undefined,
  };
}
