import { profileIndexKeys } from '@atlas/matching-core';

import type { ProfileSummary } from '@atlas/matching-core';

import type { ProfileState } from './profile-state';

/** What decisions and confirmations taught the matcher about a profile. */
export interface ProfileFeedback {
  /** Confirmed works: their co-authors, topic keys and year. */
  confirmedWorks: { coauthors: string[]; topics: string[]; year?: number }[];
  /** Similarity keys of records confirmed and rejected. */
  decisionKeys: { confirmed: string[]; rejected: string[] };
}

/** Feedback of a profile nothing was decided for yet. */
export const NO_FEEDBACK: ProfileFeedback = {
  confirmedWorks: [],
  decisionKeys: { confirmed: [], rejected: [] },
};

function activeYears(state: ProfileState, years: number[]): ProfileSummary['activeYears'] {
  const all = [...years, ...(state.activeYears ? [state.activeYears.first, state.activeYears.last] : [])];
  return all.length > 0 ? { first: Math.min(...all), last: Math.max(...all) } : undefined;
}

/** Combines the profile event's state with the feedback into what matching-core scores against. */
export function profileSummaryOf(state: ProfileState, feedback: ProfileFeedback): ProfileSummary {
  const works = feedback.confirmedWorks;
  const coauthors = new Set([...state.coauthors, ...works.flatMap((work) => work.coauthors)]);
  const topics = new Set([...state.topics, ...works.flatMap((work) => work.topics)]);
  const years = works.flatMap((work) => (work.year ? [work.year] : []));
  return {
    profileId: state.profileId,
    version: state.version,
    names: state.names.map((full) => ({ full })),
    orcids: state.orcids,
    emails: state.emails,
    sourceAuthorIds: state.identifiers,
    affiliations: state.affiliations,
    coauthors: [...coauthors],
    topics: [...topics],
    activeYears: activeYears(state, years),
    rules: state.rules,
    decisionKeys: feedback.decisionKeys,
  };
}

/** Blocking keys of a profile: its names and identifiers, and one key per identifier rule. */
export function profileKeys(summary: ProfileSummary): string[] {
  return [...profileIndexKeys(summary), ...summary.rules.map((rule) => `rule:${rule.identifier}`)];
}
