import type { Topic } from '@atlas/contracts';

import { normalizeOpenAlexId } from '../identifiers/other-ids';
import type { ParseOutcome } from '../model/parse-outcome';
import { parseFailure, RejectionCode } from '../model/parse-outcome';
import type { ProfileAffiliation } from '../model/source-author-profile.schema';
import { dropUndefined, orcidFields } from '../model/work-builder';
import { asArray, asObject, cleanText } from '../text/clean-text';
import { institutionFields } from './authorship';

type Json = Record<string, unknown>;

/** Maps an OpenAlex author object to a source author profile. */
export function parseOpenAlexAuthor(raw: Json): ParseOutcome {
  const sourceId = normalizeOpenAlexId(raw.id, 'A');
  if (!sourceId) return parseFailure(RejectionCode.missingField, 'OpenAlex author has no valid `id` (A…)');

  const displayName = cleanText(raw.display_name, 512);
  if (!displayName)
    return parseFailure(RejectionCode.missingField, 'OpenAlex author has no display name', sourceId);

  const ids = asObject(raw.ids) ?? {};
  const alternatives = asArray(raw.display_name_alternatives)
    .map((name) => cleanText(name, 512))
    .filter((name): name is string => name !== undefined && name !== displayName);
  return {
    ok: true,
    entityType: 'author',
    sourceId,
    profile: {
      source: 'openalex',
      sourceId,
      displayName,
      alternativeNames: [...new Set(alternatives)].slice(0, 500),
      ...orcidFields(raw.orcid ?? ids.orcid),
      openalexId: sourceId,
      externalIds: externalIds(ids),
      affiliations: authorAffiliations(raw),
      topics: authorTopics(raw),
      keywords: [],
      emails: [],
    },
  };
}

function externalIds(ids: Json): { scheme: string; value: string }[] {
  return Object.entries(ids)
    .filter(([scheme]) => scheme !== 'openalex' && scheme !== 'orcid')
    .map(([scheme, value]) => ({ scheme, value: cleanText(value, 512) }))
    .filter((entry): entry is { scheme: string; value: string } => entry.value !== undefined);
}

function authorAffiliations(raw: Json): ProfileAffiliation[] {
  const lastKnown = new Set(
    asArray(raw.last_known_institutions)
      .map((institution) => asObject(institution)?.id)
      .filter((id) => typeof id === 'string'),
  );
  const affiliations: ProfileAffiliation[] = asArray(raw.affiliations).map((entry) => {
    const institution = asObject(asObject(entry)?.institution) ?? {};
    const years = asArray(asObject(entry)?.years).filter(
      (year): year is number =>
        Number.isInteger(year) && (year as number) >= 1000 && (year as number) <= 2200,
    );
    const isLastKnown = typeof institution.id === 'string' && lastKnown.has(institution.id);
    return { ...dropUndefined(institutionFields(institution)), years, isLastKnown };
  });

  const listed = new Set(affiliations.map((affiliation) => affiliation.openalexInstitutionId));
  for (const institution of asArray(raw.last_known_institutions).map(asObject)) {
    const fields = dropUndefined(institutionFields(institution ?? {}));
    if (!listed.has(fields.openalexInstitutionId))
      affiliations.push({ ...fields, years: [], isLastKnown: true });
  }
  return affiliations.filter((affiliation) => affiliation.institutionName || affiliation.rorId).slice(0, 500);
}

function authorTopics(raw: Json): Topic[] {
  return asArray(raw.topics)
    .map(asObject)
    .map((topic) => ({ label: cleanText(topic?.display_name, 512), id: cleanText(topic?.id, 256) }))
    .filter((topic): topic is { label: string; id: string | undefined } => topic.label !== undefined)
    .map((topic) => dropUndefined({ label: topic.label, scheme: 'openalex-topic' as const, id: topic.id }))
    .slice(0, 200);
}
