import { randomUUID } from 'node:crypto';

import type { Redis } from 'ioredis';

// Compare-and-act scripts, so a replica never extends or frees a lease another replica took over.
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Leases in Redis that let one replica at a time synchronise a profile with a source. A lease expires
 * unless renewed, so the work of a replica that dies is taken up by another after `ttlMs`.
 */
export class SyncLeases {
  private readonly owner = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
    private readonly keyPrefix: string,
  ) {}

  /** Key of the lease on the synchronisation of one profile with one source. */
  key(profileId: string, source: string): string {
    return `${this.keyPrefix}sync:lease:${profileId}:${source}`;
  }

  /** Takes the lease when it is free; returns false when another holder has it. */
  async acquire(key: string): Promise<boolean> {
    const result = await this.redis.set(key, this.owner, 'PX', this.ttlMs, 'NX');
    return result === 'OK';
  }

  /** Extends a lease this replica holds; returns false when it was lost. */
  async renew(key: string): Promise<boolean> {
    const result = await this.redis.eval(RENEW_SCRIPT, 1, key, this.owner, String(this.ttlMs));
    return Number(result) === 1;
  }

  /** Frees a lease this replica holds. */
  async release(key: string): Promise<void> {
    await this.redis.eval(RELEASE_SCRIPT, 1, key, this.owner);
  }
}
