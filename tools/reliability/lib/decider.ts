import { createHash } from 'node:crypto';

import type { AtlasApi, QueueItem } from './atlas-api';

const DECISIONS = ['confirm', 'reject', 'uncertain'] as const;

/** A decision the gateway acknowledged with a 200, by natural key of its candidate. */
export interface AcknowledgedDecision {
  profileId: string;
  key: string;
  decision: string;
  actId: string;
}

function naturalKey(item: QueueItem): string {
  return `${item.record.source}|${item.record.sourceId}|${item.authorPosition}`;
}

/** Returns the decision of a candidate from the hash of its natural key, so every run makes the same one. */
export function decisionFor(key: string): (typeof DECISIONS)[number] {
  const digest = createHash('sha256').update(key).digest();
  return DECISIONS[digest.readUInt32BE(0) % DECISIONS.length]!;
}

/** Counts of one decision sweep. */
export interface SweepCounts {
  acknowledged: number;
  /** Responses other than 200: the gateway or verification down, time-outs, conflicts. */
  failed: number;
  statuses: Record<string, number>;
}

/** Candidate states a person can review: reopen (unless pending), then decide. */
const REVIEWABLE = ['pending', 'confirmed', 'rejected', 'uncertain', 'auto_confirmed', 'auto_rejected'];

/** Status a decision leaves a candidate in. */
const STATUS_AFTER: Record<(typeof DECISIONS)[number], string> = {
  confirm: 'confirmed',
  reject: 'rejected',
  uncertain: 'uncertain',
};

/** Progress of a review sweep, read by the code that times faults against it. */
export interface ReviewProgress {
  /** Candidates found in the profiles' lists; 0 until every list is read. */
  listed: number;
  /** Candidates that reached the status of their decision. */
  reviewed: number;
  /** Candidates the system withdrew or merged before the sweep's decision, which no person can reopen. */
  withdrawn: number;
}

async function listReviewable(
  api: AtlasApi,
  profileId: string,
  counts: SweepCounts,
  deadline: number,
): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  let cursor: string | undefined;
  while (Date.now() < deadline) {
    const page = await api.queue(profileId, 100, cursor, REVIEWABLE);
    counts.statuses[page.status] = (counts.statuses[page.status] ?? 0) + 1;
    if (page.status !== 200) {
      counts.failed += 1;
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    items.push(...page.body.items);
    if (!page.body.nextCursor) break;
    cursor = page.body.nextCursor;
  }
  return items;
}

/**
 * Reviews every candidate of the profiles through the gateway, as a person going over a list would:
 * each ends with the decision of its natural key, reopened first when it was already decided
 * otherwise. Decisions carry an idempotency key derived from the natural key, so a retry after a lost
 * response never decides twice. A new key is used only after a 409 shows that another actor moved
 * the candidate. Returns when every candidate has its decision, or when `deadline` (epoch ms) passes.
 */
export async function reviewAll(
  api: AtlasApi,
  profileIds: readonly string[],
  acknowledged: AcknowledgedDecision[],
  deadline: number,
  progress: ReviewProgress = { listed: 0, reviewed: 0, withdrawn: 0 },
): Promise<SweepCounts> {
  const counts: SweepCounts = { acknowledged: 0, failed: 0, statuses: {} };
  const count = (status: number) => (counts.statuses[status] = (counts.statuses[status] ?? 0) + 1);
  const lists = new Map<string, QueueItem[]>();
  for (const profileId of profileIds)
    lists.set(profileId, await listReviewable(api, profileId, counts, deadline));
  progress.listed = [...lists.values()].reduce((sum, items) => sum + items.length, 0);
  for (const [profileId, items] of lists) {
    for (const item of items) {
      const key = naturalKey(item);
      const decision = decisionFor(key);
      const target = STATUS_AFTER[decision];
      const keyHash = createHash('sha256').update(`${profileId}|${key}`).digest('hex').slice(0, 40);
      let status = item.status;
      let round = 0;
      while (status !== target && REVIEWABLE.includes(status) && Date.now() < deadline) {
        const response =
          status === 'pending'
            ? await api.verify(profileId, item.id, decision, `review:${keyHash}:${round}`)
            : await api.reopen(profileId, item.id);
        count(response.status);
        if (response.status === 200) {
          counts.acknowledged += 1;
          acknowledged.push({
            profileId,
            key,
            decision: status === 'pending' ? decision : 'reopen',
            actId: response.body.actId,
          });
          status = response.body.status;
          continue;
        }
        counts.failed += 1;
        // Refused, lost or timed out: read the status again, since the act may have been applied.
        if (response.status !== 409) await new Promise((resolve) => setTimeout(resolve, 300));
        const current = await api.candidateStatus(profileId, item.id);
        if (current === undefined) continue;
        if (response.status === 409 && current !== target && current !== 'pending') round += 1;
        status = current;
      }
      if (status === target) progress.reviewed += 1;
      else if (!REVIEWABLE.includes(status)) progress.withdrawn += 1;
    }
  }
  return counts;
}

/** A candidate that the toggling loop moves between pending and uncertain. */
export interface ToggledCandidate {
  id: string;
  profileId: string;
  status: string;
  /** Acts this loop has had acknowledged on the candidate; part of each idempotency key. */
  acts: number;
}

/**
 * Takes one step on each candidate: decides a pending one as uncertain (with an idempotency key that
 * a retry after a lost response reuses) and reopens any other. Acknowledged acts go to `acknowledged`;
 * a 409 means the candidate's status was not what this loop last saw, so it reads the status again.
 */
export async function toggleOnce(
  api: AtlasApi,
  candidates: ToggledCandidate[],
  acknowledged: AcknowledgedDecision[],
  counts: SweepCounts,
): Promise<void> {
  for (const candidate of candidates) {
    const response =
      candidate.status === 'pending'
        ? await api.verify(
            candidate.profileId,
            candidate.id,
            'uncertain',
            `toggle:${candidate.id}:${candidate.acts}`,
          )
        : await api.reopen(candidate.profileId, candidate.id);
    counts.statuses[response.status] = (counts.statuses[response.status] ?? 0) + 1;
    if (response.status === 200) {
      counts.acknowledged += 1;
      candidate.acts += 1;
      candidate.status = response.body.status;
      acknowledged.push({
        profileId: candidate.profileId,
        key: candidate.id,
        decision: candidate.status === 'pending' ? 'reopen' : 'uncertain',
        actId: response.body.actId,
      });
      continue;
    }
    counts.failed += 1;
    if (response.status === 409) {
      candidate.status = (await api.candidateStatus(candidate.profileId, candidate.id)) ?? candidate.status;
    }
  }
}
