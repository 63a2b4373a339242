import type { Static } from 'typebox';

import type {
  GetCandidateHistoryRpc,
  GetProfileRpc,
  GetQueueRpc,
  ListWorksRpc,
  VerifyRpc,
} from '@atlas/contracts';

import { GatewaySession } from './gateway-session';
import { NotificationListener } from './notification-listener';
import { StepRunner, expectThat } from './scenario-steps';
import { accentedQuery, isPreprint, titleFingerprint } from './work-titles';

import type { StepReport } from './scenario-steps';

type QueueItem = Static<typeof GetQueueRpc.result>['items'][number];
type WorkItem = Static<typeof ListWorksRpc.result>['items'][number];
type DecisionOutcome = Static<typeof VerifyRpc.result>;

/** Settings of one review session. */
export interface ReviewScenarioOptions {
  gatewayUrl: string;
  /** ORCID iD the researcher signs in with at the local provider. */
  orcid: string;
  log: (line: string) => void;
  /** Milliseconds to wait for a notification over the stream. */
  notificationTimeoutMs?: number;
}

/** Steps and counts of one review session. */
export interface ReviewScenarioResult {
  passed: boolean;
  steps: StepReport[];
  /** Decisions and reopenings the session recorded. */
  decisions: number;
  /** Verified works on the profile at the end. */
  works: number;
  /** Notifications received over the stream. */
  notifications: number;
}

/** A preprint candidate and the published version it is merged into. */
interface VersionPair {
  preprint: QueueItem;
  published: { candidate: QueueItem } | { work: WorkItem };
}

async function readAll<T>(session: GatewaySession, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = await session.json(
      'GET',
      `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

function findVersionPair(pending: QueueItem[], works: WorkItem[]): VersionPair | undefined {
  for (const preprint of pending.filter((item) =>
    isPreprint({ source: item.record.source, doi: item.doi }),
  )) {
    const key = titleFingerprint(preprint.title);
    const candidate = pending.find(
      (item) =>
        item.id !== preprint.id &&
        titleFingerprint(item.title) === key &&
        !isPreprint({ source: item.record.source, doi: item.doi }),
    );
    if (candidate) return { preprint, published: { candidate } };
    const work = works.find((item) => titleFingerprint(item.title) === key);
    if (work) return { preprint, published: { work } };
  }
  return undefined;
}

function describe(item: { title: string }): string {
  return `“${item.title.length > 60 ? `${item.title.slice(0, 57)}...` : item.title}”`;
}

/**
 * Plays one researcher's review session through the gateway's public HTTP API. The steps are sign-in
 * through the local OpenID provider, the queue, a confirmation, a preprint merged into its published
 * version, a rejection, an uncertain mark, an undone decision and a candidate's history. Then come an
 * accent-insensitive search of the verified works, a BibTeX export, and a notification over
 * server-sent events. Each step checks its result, and the session stops at the first failing step.
 */
export async function runReviewScenario(options: ReviewScenarioOptions): Promise<ReviewScenarioResult> {
  const runner = new StepRunner(options.log);
  let session: GatewaySession | undefined;
  let listener: NotificationListener | undefined;
  let pending: QueueItem[] = [];
  let works: WorkItem[] = [];
  let pair: VersionPair | undefined;
  let confirmedWorkId: string | undefined;
  let rejected: QueueItem | undefined;
  let decisions = 0;
  const verify = async (candidate: QueueItem, body: Record<string, unknown>): Promise<DecisionOutcome> => {
    const outcome = await session!.json<DecisionOutcome>('POST', `/candidates/${candidate.id}/verify`, body);
    decisions += 1;
    return outcome;
  };

  try {
    await runner.run('sign in through the local OpenID provider', async () => {
      const signedIn = await GatewaySession.signIn(options.gatewayUrl, options.orcid);
      session = signedIn.session;
      const profile = await session.json<Static<typeof GetProfileRpc.result>>('GET', '/profile');
      expectThat(profile.primaryOrcid === options.orcid, `profile ORCID is ${profile.primaryOrcid}`);
      return `callback ${signedIn.callbackStatus}, signed in as ${profile.displayName} (${session.info.role})`;
    });

    await runner.run('open the notification stream', async () => {
      listener = await NotificationListener.open(session!);
      return `GET /notifications/stream answered ${listener.contentType}`;
    });

    await runner.run('read the review queue', async () => {
      pending = (await readAll<QueueItem>(session!, '/candidates?status=pending')).filter(
        (item) => item.status === 'pending',
      );
      works = await readAll<WorkItem>(session!, '/works');
      pair = findVersionPair(pending, works);
      expectThat(pair !== undefined, 'no preprint in the queue has its published version beside it');
      const others = pending.filter(
        (item) =>
          item.id !== pair!.preprint.id &&
          !('candidate' in pair!.published && item.id === pair!.published.candidate.id),
      );
      expectThat(others.length >= 2, `only ${others.length} pending candidates besides the version pair`);
      return `${pending.length} pending candidates, ${works.length} verified works`;
    });

    await runner.run('confirm a candidate', async () => {
      const published = pair!.published;
      if ('work' in published) {
        confirmedWorkId = published.work.id;
        const target = pending
          .filter((item) => item.id !== pair!.preprint.id)
          .sort((a, b) => b.score - a.score)[0]!;
        const outcome = await verify(target, { decision: 'confirm', confidence: 'certain' });
        expectThat(outcome.status === 'confirmed', `status is ${outcome.status}`);
        pending = pending.filter((item) => item.id !== target.id);
        return `${describe(target)} → ${outcome.status}, work ${outcome.workId}`;
      }
      const outcome = await verify(published.candidate, { decision: 'confirm', confidence: 'certain' });
      expectThat(outcome.status === 'confirmed', `status is ${outcome.status}`);
      expectThat(outcome.workId !== undefined, 'the confirmation returned no work');
      confirmedWorkId = outcome.workId;
      pending = pending.filter((item) => item.id !== published.candidate.id);
      return `${describe(published.candidate)} (${published.candidate.doi}) → confirmed, work ${outcome.workId}`;
    });

    await runner.run('merge the preprint into its published version', async () => {
      const preprint = pair!.preprint;
      const outcome = await verify(preprint, {
        decision: 'claim_version',
        targetWorkId: confirmedWorkId,
        mergeRole: 'version',
      });
      expectThat(outcome.status === 'merged', `status is ${outcome.status}`);
      expectThat(outcome.workId === confirmedWorkId, `merged into work ${outcome.workId}`);
      const sources = await session!.json<{ items: Array<{ role: string }> }>(
        'GET',
        `/works/${confirmedWorkId}/sources`,
      );
      expectThat(sources.items.length >= 2, `the work lists ${sources.items.length} source records`);
      pending = pending.filter((item) => item.id !== preprint.id);
      return `${preprint.doi ?? preprint.record.sourceId} → version of work ${confirmedWorkId}, ${sources.items.length} sources`;
    });

    await runner.run('reject a candidate', async () => {
      rejected = [...pending].sort((a, b) => a.score - b.score)[0];
      expectThat(rejected !== undefined, 'no pending candidate is left');
      const outcome = await verify(rejected, { decision: 'reject', notes: 'Not my work.' });
      expectThat(outcome.status === 'rejected', `status is ${outcome.status}`);
      pending = pending.filter((item) => item.id !== rejected!.id);
      return `${describe(rejected)} (score ${rejected.score}) → rejected`;
    });

    await runner.run('mark a candidate uncertain', async () => {
      const target = pending[0];
      expectThat(target !== undefined, 'no pending candidate is left');
      const outcome = await verify(target, { decision: 'uncertain', confidence: 'possible' });
      expectThat(outcome.status === 'uncertain', `status is ${outcome.status}`);
      return `${describe(target)} → uncertain`;
    });

    await runner.run('undo the rejection', async () => {
      const outcome = await session!.json<{ status: string }>('POST', `/candidates/${rejected!.id}/reopen`, {
        notes: 'Rejected by mistake.',
      });
      decisions += 1;
      expectThat(outcome.status === 'pending', `status is ${outcome.status}`);
      return `${describe(rejected!)} → pending again`;
    });

    await runner.run('read the candidate history', async () => {
      const history = await session!.json<Static<typeof GetCandidateHistoryRpc.result>>(
        'GET',
        `/candidates/${rejected!.id}/history`,
      );
      const acts = history.items.map((act) => act.decision);
      expectThat(acts.includes('reject') && acts.includes('reopen'), `acts are ${acts.join(', ')}`);
      return `${acts.length} acts: ${history.items.map((act) => `${act.decision} (${act.previousStatus} → ${act.resultingStatus})`).join(', ')}`;
    });

    await runner.run('search the verified works with an accented query', async () => {
      works = await readAll<WorkItem>(session!, '/works');
      const title = works.find((item) => item.id === confirmedWorkId)?.title ?? '';
      const query = accentedQuery(title);
      expectThat(query !== undefined, `no word of “${title}” can carry an accent`);
      const found = await readAll<WorkItem>(session!, `/works?search=${encodeURIComponent(query)}`);
      expectThat(
        found.some((item) => item.id === confirmedWorkId),
        `the search “${query}” did not find the confirmed work`,
      );
      return `“${query}” found ${found.length} works, among them ${describe({ title })}`;
    });

    await runner.run('export the verified works as BibTeX', async () => {
      const { body, contentType } = await session!.text('/export?format=bibtex');
      const entries = body.match(/^@\w+\{/gm) ?? [];
      works = await readAll<WorkItem>(session!, '/works');
      expectThat(entries.length === works.length, `${entries.length} entries for ${works.length} works`);
      return `${entries.length} entries (${contentType.split(';')[0]})`;
    });

    await runner.run('receive a notification over the stream', async () => {
      await session!.json('PATCH', '/profile', { changes: { bio: 'Reviewed with Atlas Verify.' } });
      const notification = await listener!.waitFor(
        (item) => item.type === 'profile_updated',
        options.notificationTimeoutMs ?? 20_000,
      );
      const listed = await session!.json<{ items: Array<{ id: string }> }>('GET', '/notifications');
      expectThat(
        listed.items.some((item) => item.id === notification.id),
        'GET /notifications does not list the streamed notification',
      );
      return `${listener!.received.length} received; “${notification.title}” after editing the profile`;
    });
  } finally {
    await listener?.close();
  }

  return {
    passed: runner.passed,
    steps: runner.steps,
    decisions,
    works: works.length,
    notifications: listener?.received.length ?? 0,
  };
}
