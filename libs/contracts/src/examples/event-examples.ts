import {
  ImportRunFinishedV1,
  RecordRemovedV1,
  RecordStoredV1,
  RecordUpdatedV1,
  SourceSyncFinishedV1,
  ProfileSyncFinishedV1,
} from '../events/ingest.events';
import { CandidatesProposedV1 } from '../events/matching.events';
import { NotificationCreatedV1 } from '../events/notification.events';
import {
  CandidateFlaggedV1,
  DecisionRecordedV1,
  PublicDecisionRecordedV1,
} from '../events/verification-decision.events';
import {
  ProfileChangedV1,
  ProfileErasedV1,
  PublicProfileChangedV1,
} from '../events/verification-profile.events';
import {
  WorkConfirmedV1,
  WorkMergedV1,
  WorkMergeProposedV1,
  WorkMergeUndoneV1,
  WorkUnlinkedV1,
  WorkUpdatedV1,
} from '../events/verification-work.events';
import {
  EXAMPLE_CANONICAL_WORK,
  EXAMPLE_IDS,
  EXAMPLE_RECORD,
  EXAMPLE_TIME,
  EXAMPLE_WORK,
} from './example-values';

import type { EventData, EventDefinition } from '../event-definition';

/** One example payload of an event definition. */
export interface EventExample<Definition extends EventDefinition = EventDefinition> {
  definition: Definition;
  data: EventData<Definition>;
}

function example<Definition extends EventDefinition>(definition: Definition, data: EventData<Definition>) {
  return { definition, data } as EventExample;
}

const decision = {
  actId: EXAMPLE_IDS.act,
  candidateId: EXAMPLE_IDS.candidate,
  profileId: EXAMPLE_IDS.profile,
  record: EXAMPLE_RECORD,
  authorPosition: 1,
  decision: 'confirm',
  previousStatus: 'pending',
  resultingStatus: 'confirmed',
  confidence: 'certain',
  score: 0.97,
  decidedVia: 'web',
  decidedAt: EXAMPLE_TIME,
  workId: EXAMPLE_IDS.work,
} as const;

const counts = { inserted: 10, updated: 2, unchanged: 5, removed: 0, rejected: 1 };

/** A valid example payload of every event, for documentation and contract tests. */
export const EVENT_EXAMPLES: readonly EventExample[] = [
  example(RecordStoredV1, {
    record: EXAMPLE_RECORD,
    work: { kind: 'inline', value: EXAMPLE_WORK },
    origin: { importRunId: EXAMPLE_IDS.importRun },
  }),
  example(RecordUpdatedV1, {
    record: EXAMPLE_RECORD,
    previousRawRecordId: EXAMPLE_IDS.previousRawRecord,
    work: {
      kind: 'reference',
      reference: {
        bucket: 'ingest_works',
        name: `works/${EXAMPLE_IDS.rawRecord}.json`,
        size: 1_843_200,
        digest: `sha256:${'cd'.repeat(32)}`,
        mediaType: 'application/json',
      },
    },
    materialChanges: ['authors'],
    origin: { syncRunId: EXAMPLE_IDS.syncRun },
  }),
  example(RecordRemovedV1, {
    source: 'openalex',
    sourceId: 'W2741809807',
    lastRawRecordId: EXAMPLE_IDS.rawRecord,
    removedAt: EXAMPLE_TIME,
    origin: { syncRunId: EXAMPLE_IDS.syncRun },
  }),
  example(ImportRunFinishedV1, {
    importRunId: EXAMPLE_IDS.importRun,
    outcome: 'succeeded',
    counts,
    startedAt: EXAMPLE_TIME,
    finishedAt: EXAMPLE_TIME,
  }),
  example(SourceSyncFinishedV1, {
    syncRunId: EXAMPLE_IDS.syncRun,
    profileId: EXAMPLE_IDS.profile,
    source: 'hal',
    outcome: 'succeeded',
    newRecords: 3,
    changedRecords: 1,
    removedRecords: 0,
    startedAt: EXAMPLE_TIME,
    finishedAt: EXAMPLE_TIME,
  }),
  example(ProfileSyncFinishedV1, {
    profileSyncId: EXAMPLE_IDS.syncRun,
    profileId: EXAMPLE_IDS.profile,
    outcome: 'succeeded',
    trigger: 'schedule',
    newRecords: 3,
    changedRecords: 1,
    removedRecords: 0,
    sources: [
      {
        source: 'hal',
        syncRunId: EXAMPLE_IDS.syncRun,
        outcome: 'succeeded',
        newRecords: 3,
        changedRecords: 1,
        removedRecords: 0,
      },
    ],
    startedAt: EXAMPLE_TIME,
    finishedAt: EXAMPLE_TIME,
  }),
  example(CandidatesProposedV1, {
    record: EXAMPLE_RECORD,
    matcherVersion: 'logistic-2026-12',
    trigger: 'record',
    proposals: [
      {
        profileId: EXAMPLE_IDS.profile,
        authorPosition: 1,
        score: 0.97,
        reasons: [
          { signal: 'orcid', contribution: 6.2, detail: 'ORCID 0000-0003-1613-5981 on both sides' },
          { signal: 'affiliation_ror', contribution: 1.1, detail: 'ROR 05ppvf150 in 2018' },
        ],
        autoConfirmEligible: true,
        conflict: [],
      },
    ],
  }),
  example(ProfileChangedV1, {
    profileId: EXAMPLE_IDS.profile,
    changes: ['identities'],
    displayName: 'Heather Piwowar',
    primaryOrcid: '0000-0003-1613-5981',
    contactEmail: 'heather@example.org',
    settings: {
      autoConfirmThreshold: 0.98,
      notificationFrequency: 'daily',
      watchedSources: ['openalex', 'crossref'],
      visibility: 'public',
      allowNameSearch: false,
    },
    facts: {
      identities: [
        {
          id: EXAMPLE_IDS.identity,
          type: 'orcid',
          value: '0000-0003-1613-5981',
          isPrimary: true,
          verifiedAt: EXAMPLE_TIME,
        },
      ],
      nameVariants: ['H. A. Piwowar'],
      affiliations: [{ name: 'Impactstory', rorId: '05ppvf150', start: '2011' }],
      identifierRules: [
        {
          id: EXAMPLE_IDS.rule,
          identifierType: 'doi',
          value: '10.7717/peerj.4375',
          effect: 'include',
          createdAt: EXAMPLE_TIME,
        },
      ],
      coauthors: [{ name: 'Jason Priem', sharedWorks: 4 }],
      topics: [{ label: 'Open access', works: 7 }],
      activeYears: { first: 2006, last: 2018 },
      confirmedWorks: 12,
    },
  }),
  example(PublicProfileChangedV1, {
    profileId: EXAMPLE_IDS.profile,
    displayName: 'Heather Piwowar',
    primaryOrcid: '0000-0003-1613-5981',
    identities: [{ type: 'orcid', value: '0000-0003-1613-5981' }],
    affiliations: [{ name: 'Impactstory', rorId: '05ppvf150', start: '2011' }],
    visibility: 'public',
  }),
  example(ProfileErasedV1, { profileId: EXAMPLE_IDS.profile, erasedAt: EXAMPLE_TIME }),
  example(DecisionRecordedV1, {
    ...decision,
    decidedBy: { accountId: EXAMPLE_IDS.account, role: 'researcher', onBehalfOf: EXAMPLE_IDS.profile },
    notes: 'My thesis chapter.',
    evidence: [{ kind: 'url', value: 'https://example.org/cv.pdf', label: 'CV' }],
  }),
  example(PublicDecisionRecordedV1, { ...decision, decidedByRole: 'researcher' }),
  example(CandidateFlaggedV1, {
    candidateId: EXAMPLE_IDS.candidate,
    profileId: EXAMPLE_IDS.profile,
    status: 'confirmed',
    record: EXAMPLE_RECORD,
    previousRawRecordId: EXAMPLE_IDS.previousRawRecord,
    reasons: ['title'],
    workId: EXAMPLE_IDS.work,
  }),
  example(WorkConfirmedV1, {
    workId: EXAMPLE_IDS.work,
    profileId: EXAMPLE_IDS.profile,
    authorPosition: 1,
    actId: EXAMPLE_IDS.act,
    workCreated: true,
    coauthorProfileIds: [],
    work: { kind: 'inline', value: EXAMPLE_CANONICAL_WORK },
  }),
  example(WorkUpdatedV1, {
    workId: EXAMPLE_IDS.work,
    changes: ['retracted'],
    record: EXAMPLE_RECORD,
    profileIds: [EXAMPLE_IDS.profile],
    work: { kind: 'inline', value: { ...EXAMPLE_CANONICAL_WORK, isRetracted: true } },
  }),
  example(WorkUnlinkedV1, {
    workId: EXAMPLE_IDS.work,
    profileId: EXAMPLE_IDS.profile,
    unlinkedAt: EXAMPLE_TIME,
    unlinkedByRole: 'researcher',
  }),
  example(WorkMergedV1, {
    mergeId: EXAMPLE_IDS.merge,
    primaryWorkId: EXAMPLE_IDS.work,
    merged: [{ workId: EXAMPLE_IDS.otherWork, role: 'version' }],
    mergedAt: EXAMPLE_TIME,
    mergedByRole: 'curator',
  }),
  example(WorkMergeUndoneV1, {
    mergeId: EXAMPLE_IDS.merge,
    primaryWorkId: EXAMPLE_IDS.work,
    restoredWorkIds: [EXAMPLE_IDS.otherWork],
    undoneAt: EXAMPLE_TIME,
    undoneByRole: 'curator',
  }),
  example(WorkMergeProposedV1, {
    proposalId: EXAMPLE_IDS.merge,
    primaryWorkId: EXAMPLE_IDS.work,
    merged: [{ workId: EXAMPLE_IDS.otherWork, role: 'duplicate' }],
    requestedFor: EXAMPLE_IDS.profile,
    affectedProfileIds: [EXAMPLE_IDS.otherProfile],
    proposedAt: EXAMPLE_TIME,
  }),
  example(NotificationCreatedV1, {
    id: EXAMPLE_IDS.notification,
    profileId: EXAMPLE_IDS.profile,
    type: 'new_candidates',
    title: '12 new candidate publications',
    body: 'The OpenAlex synchronisation found 12 records that may be yours.',
    resource: { type: 'sync_run', id: EXAMPLE_IDS.syncRun },
    createdAt: EXAMPLE_TIME,
  }),
];
