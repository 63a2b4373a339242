import { EXAMPLE_IDS } from '@atlas/contracts';

const NOW = '2026-12-04T12:00:00.000Z';

/** A profile detail as the verification service returns it. */
export function profileDetail(id: string, institutionId?: string) {
  return {
    id,
    displayName: 'Example Researcher',
    ...(institutionId ? { institutionId } : {}),
    settings: {
      autoConfirmThreshold: 0.95,
      notificationFrequency: 'weekly',
      watchedSources: ['openalex'],
      visibility: 'public',
      allowNameSearch: false,
    },
    createdAt: NOW,
    updatedAt: NOW,
    version: 3,
    nameVariants: [],
    affiliations: [],
  };
}

/** An empty page of any list. */
export const EMPTY_PAGE = { items: [], nextCursor: null };

/** The outcome of one decision. */
export const DECISION_OUTCOME = {
  actId: EXAMPLE_IDS.act,
  candidateId: EXAMPLE_IDS.candidate,
  status: 'confirmed',
  workId: EXAMPLE_IDS.work,
  replayed: false,
};

/** A notification marked read. */
export const READ_NOTIFICATION = {
  id: '01938a6e-0000-7000-8000-000000000070',
  profileId: EXAMPLE_IDS.profile,
  type: 'new_candidates',
  title: '3 new candidates',
  read: true,
  readAt: NOW,
  createdAt: NOW,
};
