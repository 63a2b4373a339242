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

/**
 * Decides every pending candidate of the profiles through the gateway, each with the decision of its
 * natural key and an idempotency key derived from it, so that a retry after a lost response never
 * decides twice. Returns when the queues are empty or when `deadline` (epoch ms) passes.
 */
export async function decideAll(
  api: AtlasApi,
  profileIds: readonly string[],
  acknowledged: AcknowledgedDecision[],
  deadline: number,
): Promise<SweepCounts> {
  const counts: SweepCounts = { acknowledged: 0, failed: 0, statuses: {} };
  const count = (status: number) => (counts.statuses[status] = (counts.statuses[status] ?? 0) + 1);
  for (const profileId of profileIds) {
    while (Date.now() < deadline) {
      const page = await api.queue(profileId, 50);
      count(page.status);
      if (page.status !== 200) {
        counts.failed += 1;
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      const pending = page.body.items.filter((item) => item.status === 'pending');
      if (pending.length === 0) break;
      for (const item of pending) {
        const key = naturalKey(item);
        const decision = decisionFor(key);
        const idempotencyKey = `reliability:${createHash('sha256').update(`${profileId}|${key}`).digest('hex').slice(0, 40)}`;
        const response = await api.verify(profileId, item.id, decision, idempotencyKey);
        count(response.status);
        if (response.status === 200) {
          counts.acknowledged += 1;
          acknowledged.push({ profileId, key, decision, actId: response.body.actId });
        } else {
          counts.failed += 1;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
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
    const query = `profileId=${candidate.profileId}`;
    const response =
      candidate.status === 'pending'
        ? await api.verify(
            candidate.profileId,
            candidate.id,
            'uncertain',
            `toggle:${candidate.id}:${candidate.acts}`,
          )
        : await api.request<{ actId: string; status: string }>(
            'POST',
            `/candidates/${candidate.id}/reopen?${query}`,
            {},
          );
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
      const current = await api.request<{ candidate: { status: string } }>(
        'GET',
        `/candidates/${candidate.id}?${query}`,
      );
      if (current.status === 200) candidate.status = current.body.candidate.status;
    }
  }
}
