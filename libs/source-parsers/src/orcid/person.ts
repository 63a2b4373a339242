import type { ParseOutcome } from '../model/parse-outcome';
import { parseFailure, RejectionCode } from '../model/parse-outcome';
import type { ProfileAffiliation } from '../model/source-author-profile.schema';
import { dropUndefined, orcidFields } from '../model/work-builder';
import { normalizeRor } from '../identifiers/other-ids';
import { cleanText, emailAddress } from '../text/clean-text';
import { partialDateFromParts } from '../text/dates';
import type { OrcidNode } from './values';
import { child, children, orcidValue } from './values';

/**
 * Maps an ORCID person section (names, other names, keywords, external ids, e-mails) and, from a
 * full record, its employments and educations to an author profile keyed by the iD.
 */
export function parseOrcidPerson(
  orcid: string | undefined,
  person: OrcidNode,
  activities?: OrcidNode,
): ParseOutcome {
  const identity = orcidFields(orcid);
  const sourceId = identity.orcid ?? identity.orcidRaw;
  if (!sourceId) return parseFailure(RejectionCode.missingField, 'ORCID person has no iD');

  const name = child(person, 'name');
  const givenName = cleanText(orcidValue(name?.['given-names']), 256);
  const familyName = cleanText(orcidValue(name?.['family-name']), 256);
  const creditName = cleanText(orcidValue(name?.['credit-name']), 512);
  const displayName = creditName ?? cleanText([givenName, familyName].filter(Boolean).join(' '), 512);
  const otherNames = children(child(person, 'other-names'), 'other-name').map((entry) =>
    orcidValue(entry.content),
  );

  return {
    ok: true,
    entityType: 'person',
    sourceId,
    profile: dropUndefined({
      source: 'orcid' as const,
      sourceId,
      displayName,
      givenName,
      familyName,
      alternativeNames: distinctTexts(otherNames, displayName),
      ...identity,
      externalIds: children(child(person, 'external-identifiers'), 'external-identifier')
        .map((entry) => ({
          scheme: cleanText(orcidValue(entry['external-id-type']), 64),
          value: cleanText(orcidValue(entry['external-id-value']), 512),
        }))
        .filter((entry): entry is { scheme: string; value: string } => !!entry.scheme && !!entry.value)
        .slice(0, 100),
      affiliations: activities ? affiliations(activities) : [],
      topics: [],
      keywords: distinctTexts(
        children(child(person, 'keywords'), 'keyword').map((entry) => orcidValue(entry.content)),
      ),
      emails: children(child(person, 'emails'), 'email')
        .map((entry) => emailAddress(orcidValue(entry.email)))
        .filter((email): email is string => email !== undefined)
        .slice(0, 20),
    }),
  };
}

function distinctTexts(values: (string | undefined)[], exclude?: string): string[] {
  const texts = values
    .map((value) => cleanText(value, 512))
    .filter((text): text is string => !!text && text !== exclude);
  return [...new Set(texts)].slice(0, 200);
}

/** Employments then educations; v3.0 nests summaries in `affiliation-group`, v2 lists them directly. */
function affiliations(activities: OrcidNode): ProfileAffiliation[] {
  const summaries = [
    ...summariesOf(child(activities, 'employments'), 'employment-summary'),
    ...summariesOf(child(activities, 'educations'), 'education-summary'),
  ];
  return summaries
    .map(affiliation)
    .filter((entry) => entry.institutionName !== undefined)
    .slice(0, 500);
}

function summariesOf(section: OrcidNode | undefined, key: string): OrcidNode[] {
  const grouped = children(section, 'affiliation-group').flatMap((group) => children(group, 'summaries'));
  const nested = grouped.flatMap((entry) => children(entry, key));
  return [...children(section, key), ...nested];
}

function affiliation(summary: OrcidNode): ProfileAffiliation {
  const organization = child(summary, 'organization');
  const disambiguated = child(organization, 'disambiguated-organization');
  const source = orcidValue(disambiguated?.['disambiguation-source']);
  const start = partialDateFromParts(orcidValue(child(summary, 'start-date')?.year));
  const end = partialDateFromParts(orcidValue(child(summary, 'end-date')?.year));
  return dropUndefined({
    institutionName: cleanText(orcidValue(organization?.name), 512),
    rorId:
      source === 'ROR'
        ? normalizeRor(orcidValue(disambiguated?.['disambiguated-organization-identifier']))
        : undefined,
    role: cleanText(orcidValue(summary['role-title']) ?? orcidValue(summary['department-name']), 512),
    startYear: start?.year,
    endYear: end?.year,
    years: [],
    isLastKnown: !end,
  });
}
