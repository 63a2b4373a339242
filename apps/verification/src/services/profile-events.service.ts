import type { Static } from 'typebox';

import { cleanPayload, ProfileChangedV1, PublicProfileChangedV1 } from '@atlas/contracts';
import type { ProfileMatchFacts } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';
import { appendEvent } from '@atlas/messaging';

import {
  readConfirmedCoauthors,
  readConfirmedTopics,
} from '../repositories/confirmed-work-signals.repository';
import { readCounters } from '../repositories/counters.repository';
import { listIdentities, listRules, readProfile } from '../repositories/profile.repository';

/** Parts of a profile a change touched. */
export type ProfileChangeKind = Static<typeof ProfileChangedV1.schema>['changes'][number];

/**
 * Publishes the profile's state after a change, inside the caller's transaction: the internal
 * `ProfileChangedV1` for matching and notification, and, unless only confirmed works changed, the
 * public view built with `cleanPayload`.
 * Both carry the profile's version, which the change has already raised.
 */
export async function publishProfileChange(
  tx: SqlExecutor,
  profileId: string,
  changes: ProfileChangeKind[],
): Promise<void> {
  const profile = await readProfile(tx, profileId);
  const identities = await listIdentities(tx, profileId);
  const facts: ProfileMatchFacts = {
    identities,
    nameVariants: profile.nameVariants,
    affiliations: profile.affiliations,
    identifierRules: await listRules(tx, profileId),
    coauthors: await readConfirmedCoauthors(tx, profileId, ownOrcids(profile.primaryOrcid, identities)),
    topics: await readConfirmedTopics(tx, profileId),
    ...(await confirmedWorkFacts(tx, profileId)),
  };
  const common = { entityId: profileId, entityVersion: profile.version };
  await appendEvent(tx, 'verification', ProfileChangedV1, {
    ...common,
    data: {
      profileId,
      changes,
      displayName: profile.displayName,
      ...(profile.primaryOrcid ? { primaryOrcid: profile.primaryOrcid } : {}),
      ...(profile.email ? { contactEmail: profile.email } : {}),
      settings: profile.settings,
      facts,
    },
  });
  // The public view carries no work facts, so a change of confirmed works alone leaves it as it was.
  if (changes.every((kind) => kind === 'confirmed_works')) return;
  const publicView = cleanPayload(PublicProfileChangedV1.schema, {
    ...profile,
    profileId,
    identities: identities.filter((identity) => identity.type !== 'email'),
    visibility: profile.settings.visibility,
  });
  await appendEvent(tx, 'verification', PublicProfileChangedV1, { ...common, data: publicView });
}

function ownOrcids(primaryOrcid: string | undefined, identities: { type: string; value: string }[]) {
  const orcids = identities.filter((identity) => identity.type === 'orcid').map((identity) => identity.value);
  return primaryOrcid ? [primaryOrcid, ...orcids] : orcids;
}

async function confirmedWorkFacts(tx: SqlExecutor, profileId: string) {
  const counters = await readCounters(tx, profileId);
  const works = counters.find((counter) => counter.kind === 'works')?.delta ?? 0;
  const years = counters
    .filter((counter) => counter.kind === 'year' && counter.delta > 0)
    .map((counter) => Number(counter.key))
    .sort((a, b) => a - b);
  const activeYears = years.length > 0 ? { first: years[0]!, last: years[years.length - 1]! } : undefined;
  return { confirmedWorks: Math.max(0, works), ...(activeYears ? { activeYears } : {}) };
}
