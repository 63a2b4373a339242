import type { Logger } from 'pino';

import { dueProfiles } from '../repositories/sync-run.repository';
import { startDueProfileSync } from './profile-sync';
import type { ProfileSyncDeps } from './profile-sync';

/**
 * Looks for due profile synchronisations every tick and runs up to `concurrency` at once on this
 * replica. Every replica runs a scheduler. The Redis leases, and the due check after taking them,
 * make sure that one replica synchronises a profile and source once per period.
 */
export class SyncScheduler {
  private readonly running = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: ProfileSyncDeps,
    private readonly tickMs: number,
    private readonly concurrency: number,
    private readonly log: Logger,
  ) {}

  /** Starts ticking; the first look happens at once. */
  start(): void {
    this.log.info(
      { tickMs: this.tickMs, concurrency: this.concurrency },
      'synchronisation scheduler started',
    );
    this.schedule(0);
  }

  /** Stops looking for work and waits until the runs in progress stop after their current page. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.running.values()]);
    this.log.info('synchronisation scheduler stopped');
  }

  /** Waits for the runs this replica started, for tests and shutdown. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .catch((error: unknown) => this.log.error({ err: error }, 'synchronisation scheduler tick failed'))
        .finally(() => this.schedule(this.tickMs));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const free = this.concurrency - this.running.size;
    if (free <= 0) return;
    // Ask for more than fits: profiles whose sources other replicas hold are skipped.
    const profiles = await dueProfiles(this.deps.pool, free * 4, [...this.running.keys()]);
    for (const profileId of profiles) {
      if (this.stopped || this.running.size >= this.concurrency) return;
      const started = await startDueProfileSync(this.deps, profileId);
      if (!started || started.runs.length === 0) continue;
      const done = started.done.finally(() => this.running.delete(profileId));
      this.running.set(profileId, done);
    }
  }
}
