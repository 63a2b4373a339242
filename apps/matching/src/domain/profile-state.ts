import { TOPIC_SCHEMES } from '@atlas/contracts';
import { foldText } from '@atlas/name-matching';

import type { EventData, ProfileChangedV1 } from '@atlas/contracts';
import type { ProfileRule } from '@atlas/matching-core';

/** The read model of one profile as the profile event states it. */
export interface ProfileState {
  profileId: string;
  version: number;
  displayName: string;
  /** Display name first, then name variants. */
  names: string[];
  orcids: string[];
  emails: string[];
  /** Source author ids as `scheme:value`, in the vocabulary of record summaries. */
  identifiers: string[];
  affiliations: { name: string; rorId?: string; startYear?: number; endYear?: number }[];
  coauthors: string[];
  topics: string[];
  activeYears?: { first: number; last: number };
  rules: ProfileRule[];
}

/** Identity types carried on records as source author ids, with the scheme records use. */
const AUTHOR_ID_SCHEMES: Readonly<Record<string, string>> = {
  openalex: 'openalex_author',
  hal_idhal: 'hal_idhal',
  hal_person: 'hal_person',
  idref: 'idref',
  scopus: 'scopus',
  researcherid: 'researcherid',
};

function yearOf(partialDate: string | undefined): number | undefined {
  return partialDate ? Number(partialDate.slice(0, 4)) : undefined;
}

/**
 * Topic keys in the vocabulary of record summaries (`scheme:id`, else the folded label). A profile's
 * topic id carries no scheme, so it is tried in every vocabulary; the label is kept for unidentified topics.
 */
function topicKeysOf(topic: { label: string; id?: string }): string[] {
  const label = foldText(topic.label);
  return topic.id ? [label, ...TOPIC_SCHEMES.map((scheme) => `${scheme}:${topic.id}`)] : [label];
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value.trim().length > 0))];
}

/** Reads a profile changed payload at `version` into the matching read model. */
export function profileStateOf(data: EventData<typeof ProfileChangedV1>, version: number): ProfileState {
  const identities = data.facts.identities;
  const valuesOf = (type: string) => identities.filter((i) => i.type === type).map((i) => i.value);
  const state: ProfileState = {
    profileId: data.profileId,
    version,
    displayName: data.displayName,
    names: unique([data.displayName, ...data.facts.nameVariants, ...valuesOf('name_variant')]),
    orcids: unique([...(data.primaryOrcid ? [data.primaryOrcid] : []), ...valuesOf('orcid')]),
    emails: unique(valuesOf('email').map((email) => email.toLowerCase())),
    identifiers: unique(
      identities.flatMap((i) =>
        AUTHOR_ID_SCHEMES[i.type] ? [`${AUTHOR_ID_SCHEMES[i.type]}:${i.value}`] : [],
      ),
    ),
    affiliations: data.facts.affiliations.map((period) => ({
      name: period.name,
      rorId: period.rorId,
      startYear: yearOf(period.start),
      endYear: yearOf(period.end),
    })),
    coauthors: unique(data.facts.coauthors.map((coauthor) => coauthor.name)),
    topics: unique(data.facts.topics.flatMap(topicKeysOf)),
    rules: data.facts.identifierRules.map((rule) => ({
      identifier: `${rule.identifierType}:${rule.value}`,
      effect: rule.effect,
    })),
  };
  if (data.facts.activeYears) state.activeYears = data.facts.activeYears;
  return state;
}
