import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { Logger } from 'pino';

import type { Source } from '@atlas/contracts';

import { loadSyncProfile } from '../repositories/sync-profile.repository';
import type { SyncProfile } from '../repositories/sync-profile.repository';
import { SourceCircuits } from './circuit-breaker';
import { createSourceClients } from './harvest/source-clients';
import { startProfileSync } from './profile-sync';
import type { ProfileSyncDeps, StartedProfileSync } from './profile-sync';
import type { SyncConfig } from './sync-config';
import { SyncLeases } from './sync-lease';
import { createSyncMetrics } from './sync-metrics';
import { SyncScheduler } from './sync-scheduler';

/**
 * Synchronisation of profiles with the source APIs on one replica: the scheduler (when enabled) and
 * the on-demand runs, with their shared leases, circuits, clients and metrics.
 */
export class SyncService {
  readonly scheduler: SyncScheduler;
  private readonly deps: ProfileSyncDeps;
  private readonly requested = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly config: SyncConfig,
    pool: Pool,
    redis: Redis,
    private readonly log: Logger,
  ) {
    // The gauge reads the circuits' states, and the circuits count openings in the metrics.
    const holder: { circuits?: SourceCircuits } = {};
    const metrics = createSyncMetrics(() => holder.circuits?.states() ?? new Map());
    const circuits = new SourceCircuits(
      redis,
      {
        failureThreshold: config.syncBreakerFailures,
        openMs: config.syncBreakerOpenSeconds * 1000,
        keyPrefix: config.syncRedisPrefix,
      },
      (source) => {
        metrics.circuitOpened(source);
        log.warn({ source }, 'source circuit opened after repeated failures');
      },
    );
    holder.circuits = circuits;
    this.deps = {
      pool,
      clients: createSourceClients(config, redis, log),
      circuits,
      metrics,
      log,
      periodMs: config.syncPeriodSeconds * 1000,
      retryBaseMs: config.syncRetryBaseSeconds * 1000,
      retryMaxMs: config.syncRetryMaxSeconds * 1000,
      leases: new SyncLeases(redis, config.syncLeaseSeconds * 1000, config.syncRedisPrefix),
      leaseMs: config.syncLeaseSeconds * 1000,
      stopping: () => this.stopping,
    };
    this.scheduler = new SyncScheduler(this.deps, config.syncTickSeconds * 1000, config.syncConcurrency, log);
  }

  /** Starts the scheduler when this replica runs scheduled synchronisation. */
  start(): void {
    if (this.config.syncEnabled) this.scheduler.start();
    else this.log.info('scheduled synchronisation is off on this replica (ATLAS_SYNC_ENABLED)');
  }

  /** Loads a profile of the read model. */
  profile(profileId: string): Promise<SyncProfile | undefined> {
    return loadSyncProfile(this.deps.pool, profileId);
  }

  /** Starts an on-demand synchronisation; it runs in the background after this resolves. */
  async request(profile: SyncProfile, sources: readonly Source[]): Promise<StartedProfileSync> {
    const started = await startProfileSync(this.deps, profile, sources, 'request');
    const empty = { profileSyncId: '', runs: [], alreadyRunning: [...sources], done: Promise.resolve() };
    if (!started) return empty;
    this.requested.add(started.done);
    void started.done.finally(() => this.requested.delete(started.done));
    return started;
  }

  /** Waits for every run this replica started, scheduled or requested. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.requested]);
    await this.scheduler.idle();
  }

  /** Stops the scheduler and lets runs in progress stop after their current page. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.scheduler.stop();
    await Promise.allSettled([...this.requested]);
  }
}
