import type { Actor, MergeRole, RawRecordRef, Work } from '@atlas/contracts';
import { WorkConfirmedV1 } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';
import { appendEvent } from '@atlas/messaging';

import { workMatchKeys } from '../domain/work-keys';
import {
  addAuthorship,
  attachSource,
  createWork,
  findWork,
  workFacets,
  workProfiles,
} from '../repositories/canonical-work.repository';
import { shiftCounters } from '../repositories/counters.repository';
import { readWorkSummary } from '../repositories/work-summary.repository';
import { touchProfile } from './profile.service';

/** What linking a confirmed candidate to its canonical work needs. */
export interface LinkWorkInput {
  profileId: string;
  authorPosition: number;
  record: RawRecordRef;
  work: Work;
  actId: string;
  actor: Actor;
  /** Work named by a claim_duplicate or claim_version decision; found or created otherwise. */
  targetWorkId?: string;
  targetRole?: MergeRole;
}

/**
 * Finds or creates the canonical work of a confirmed record, attaches the record to it, adds the
 * profile's authorship, bumps the profile's work counters, announces the confirmation and publishes
 * the profile with its new co-authors and topics.
 */
export async function linkConfirmedWork(tx: SqlExecutor, input: LinkWorkInput): Promise<string> {
  const found = input.targetWorkId
    ? { workId: input.targetWorkId, role: input.targetRole ?? 'duplicate' }
    : await findWork(tx, workMatchKeys(input.work));
  const workId = found?.workId ?? (await createWork(tx, input.work));
  await attachSource(tx, workId, input.record, found?.role ?? 'primary');

  const author = input.work.authors.find((candidate) => candidate.position === input.authorPosition);
  const coauthors = (await workProfiles(tx, workId)).filter((profileId) => profileId !== input.profileId);
  const added = await addAuthorship(tx, {
    workId,
    profileId: input.profileId,
    position: input.authorPosition,
    isCorresponding: author?.isCorresponding ?? false,
    affiliationAtTime: author?.affiliations[0]?.rawString ?? author?.affiliations[0]?.institutionName,
    actId: input.actId,
    rawContributions: author ? [{ source: input.record.source, author }] : [],
  });
  if (!added) return workId;

  const facets = await workFacets(tx, workId);
  await shiftCounters(tx, [
    { profileId: input.profileId, kind: 'works', key: 'all', delta: 1 },
    { profileId: input.profileId, kind: 'type', key: facets.type, delta: 1 },
    ...(facets.year
      ? [{ profileId: input.profileId, kind: 'year' as const, key: String(facets.year), delta: 1 }]
      : []),
  ]);
  await announceConfirmation(tx, { ...input, workId, workCreated: found === undefined, coauthors });
  await touchProfile(tx, input.profileId, 'confirmed_works');
  return workId;
}

async function announceConfirmation(
  tx: SqlExecutor,
  input: LinkWorkInput & { workId: string; workCreated: boolean; coauthors: string[] },
) {
  const summary = (await readWorkSummary(tx, input.workId))!;
  // NOTE: works whose author list approaches the message cap should travel by reference; the
  // relay's large-payload path carries them today.
  await appendEvent(tx, 'verification', WorkConfirmedV1, {
    entityId: input.workId,
    entityVersion: 1,
    data: {
      workId: input.workId,
      profileId: input.profileId,
      authorPosition: input.authorPosition,
      actId: input.actId,
      workCreated: input.workCreated,
      coauthorProfileIds: input.coauthors,
      work: { kind: 'inline', value: summary },
    },
  });
}
