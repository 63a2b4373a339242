import type { Source } from '@atlas/contracts';
import { newId, withTransaction } from '@atlas/database';

import { loadSyncProfile } from '../repositories/sync-profile.repository';
import type { SyncProfile } from '../repositories/sync-profile.repository';
import { dueSources, insertProfileSync, openRun } from '../repositories/sync-run.repository';
import type { SyncTrigger } from '../repositories/sync-run.repository';
import { runSourceSync, SyncStoppedError } from './source-sync';
import type { OpenedRun, SourceSyncDeps } from './source-sync';
import { closeProfileSyncIfDone } from './sync-events';
import type { SyncLeases } from './sync-lease';

/** A profile synchronisation that has taken its leases and opened its runs. */
export interface StartedProfileSync {
  profileSyncId: string;
  runs: Array<{ source: Source; syncRunId: string }>;
  /** Sources skipped because another run (on this replica or another) holds their lease. */
  alreadyRunning: Source[];
  /** Settles when every run has finished and the leases are freed. */
  done: Promise<void>;
}

/** Dependencies of a profile synchronisation beyond those of one source run. */
export interface ProfileSyncDeps extends SourceSyncDeps {
  leases: SyncLeases;
  leaseMs: number;
  /** Tells whether the service is stopping, so runs end after their current page. */
  stopping(): boolean;
}

/**
 * Starts synchronising a profile with some sources: takes the lease of each source, opens one run per
 * leased source in one profile synchronisation, then runs them one after the other in the background.
 * With `onlyDue`, a source another replica synchronised meanwhile (no longer due) is skipped.
 */
export async function startProfileSync(
  deps: ProfileSyncDeps,
  profile: SyncProfile,
  sources: readonly Source[],
  trigger: SyncTrigger,
  onlyDue = false,
): Promise<StartedProfileSync | undefined> {
  const leased: Source[] = [];
  const alreadyRunning: Source[] = [];
  for (const source of sources) {
    if (await deps.leases.acquire(deps.leases.key(profile.profileId, source))) leased.push(source);
    else alreadyRunning.push(source);
  }
  const sourcesToRun = onlyDue ? await stillDue(deps, profile.profileId, leased) : leased;
  await releaseAll(
    deps,
    profile.profileId,
    leased.filter((source) => !sourcesToRun.includes(source)),
  );
  if (sourcesToRun.length === 0)
    return { profileSyncId: '', runs: [], alreadyRunning, done: Promise.resolve() };

  const profileSyncId = newId();
  const runs = await withTransaction(deps.pool, async (client) => {
    await insertProfileSync(client, { id: profileSyncId, profileId: profile.profileId, trigger });
    const opened: OpenedRun[] = [];
    const interrupted = new Set<string>();
    for (const source of sourcesToRun) {
      const id = newId();
      const result = await openRun(client, { id, profileSyncId, profileId: profile.profileId, source });
      result.interruptedSyncs.forEach((syncId) => interrupted.add(syncId));
      opened.push({ id, profileId: profile.profileId, source, cursor: result.cursor });
    }
    for (const syncId of interrupted) await closeProfileSyncIfDone(client, syncId);
    return opened;
  });
  deps.log.info(
    { profileSyncId, profileId: profile.profileId, sources: sourcesToRun, alreadyRunning, trigger },
    'profile synchronisation started',
  );
  const done = runAll(deps, profile, profileSyncId, runs);
  return {
    profileSyncId,
    runs: runs.map((run) => ({ source: run.source, syncRunId: run.id })),
    alreadyRunning,
    done,
  };
}

async function stillDue(deps: ProfileSyncDeps, profileId: string, leased: Source[]): Promise<Source[]> {
  if (leased.length === 0) return [];
  const due = new Set((await dueSources(deps.pool, profileId)).map((entry) => entry.source));
  return leased.filter((source) => due.has(source));
}

async function releaseAll(
  deps: ProfileSyncDeps,
  profileId: string,
  sources: readonly Source[],
): Promise<void> {
  for (const source of sources) await deps.leases.release(deps.leases.key(profileId, source));
}

async function runAll(
  deps: ProfileSyncDeps,
  profile: SyncProfile,
  profileSyncId: string,
  runs: OpenedRun[],
): Promise<void> {
  const lost = new Set<Source>();
  const released = new Set<Source>();
  const renewal = setInterval(
    () => void renewLeases(deps, profile.profileId, runs, lost, released),
    Math.max(Math.floor(deps.leaseMs / 3), 500),
  );
  try {
    for (const run of runs) {
      const checkRunning = () => {
        if (deps.stopping()) throw new SyncStoppedError('the service is stopping; the run resumes later');
        if (lost.has(run.source)) throw new SyncStoppedError('the lease of this profile and source was lost');
      };
      await runSourceSync(deps, run, profile, checkRunning);
      await deps.leases.release(deps.leases.key(profile.profileId, run.source));
      released.add(run.source);
    }
    await withTransaction(deps.pool, (client) => closeProfileSyncIfDone(client, profileSyncId));
  } catch (error) {
    deps.log.error(
      { err: error, profileSyncId, profileId: profile.profileId },
      'profile synchronisation failed',
    );
  } finally {
    clearInterval(renewal);
    const held = runs.map((run) => run.source).filter((source) => !released.has(source));
    await releaseAll(deps, profile.profileId, held).catch((error: unknown) => {
      deps.log.error({ err: error, profileSyncId }, 'failed to release synchronisation leases');
    });
  }
}

async function renewLeases(
  deps: ProfileSyncDeps,
  profileId: string,
  runs: readonly OpenedRun[],
  lost: Set<Source>,
  released: ReadonlySet<Source>,
): Promise<void> {
  for (const run of runs) {
    if (lost.has(run.source) || released.has(run.source)) continue;
    try {
      if (!(await deps.leases.renew(deps.leases.key(profileId, run.source)))) lost.add(run.source);
    } catch (error) {
      deps.log.warn({ err: error, profileId, source: run.source }, 'failed to renew a synchronisation lease');
    }
  }
}

/** Loads a profile and starts the synchronisation of its due sources, as the scheduler does. */
export async function startDueProfileSync(
  deps: ProfileSyncDeps,
  profileId: string,
): Promise<StartedProfileSync | undefined> {
  const profile = await loadSyncProfile(deps.pool, profileId);
  if (!profile) return undefined;
  const due = await dueSources(deps.pool, profileId);
  if (due.length === 0) return undefined;
  const trigger: SyncTrigger = due.some((entry) => entry.failures > 0) ? 'retry' : 'schedule';
  return startProfileSync(
    deps,
    profile,
    due.map((entry) => entry.source),
    trigger,
    true,
  );
}
