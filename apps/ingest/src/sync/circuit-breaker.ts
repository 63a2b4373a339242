import type { Redis } from 'ioredis';

import type { Source } from '@atlas/contracts';
import { SourceClientError, SourceErrorCode } from '@atlas/source-clients';

/** State of a source's circuit as one replica last saw it. */
export type CircuitState = 'closed' | 'open' | 'half_open';

// Counts a failure and opens the circuit when the count reaches the threshold. Returns 1 when this
// failure opened it. The count lives as long as the open period, so old failures fade out.
const FAILURE_SCRIPT = `
local failures = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if failures >= tonumber(ARGV[1]) and redis.call('SET', KEYS[2], '1', 'PX', ARGV[2], 'NX') then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0`;

/** Settings of {@link SourceCircuits}. */
export interface CircuitSettings {
  /** Failures in a row, counted over all replicas, that open a circuit. */
  failureThreshold: number;
  /** Time an open circuit rejects runs before one trial run is let through. */
  openMs: number;
  /** Prefix of the Redis keys, e.g. `atlas:ingest:`. */
  keyPrefix: string;
}

/**
 * Circuit breakers per source, shared by every replica through Redis. An open circuit makes runs of
 * that source fail at once, without a request. When the open period ends, one run is let through as
 * a trial (half open), and its outcome closes or reopens the circuit.
 */
export class SourceCircuits {
  private readonly seen = new Map<Source, CircuitState>();

  constructor(
    private readonly redis: Redis,
    private readonly settings: CircuitSettings,
    private readonly onOpened: (source: Source) => void = () => undefined,
  ) {}

  /** Returns the time until which the circuit rejects runs, or undefined when a run may proceed. */
  async rejectUntil(source: Source): Promise<Date | undefined> {
    const openMs = await this.redis.pttl(this.openKey(source));
    if (openMs > 0) {
      this.seen.set(source, 'open');
      return new Date(Date.now() + openMs);
    }
    if ((await this.redis.exists(this.trippedKey(source))) === 0) {
      this.seen.set(source, 'closed');
      return undefined;
    }
    // The open period is over: one run, on whichever replica comes first, tries the source.
    this.seen.set(source, 'half_open');
    const trial = await this.redis.set(this.trialKey(source), '1', 'PX', this.settings.openMs, 'NX');
    if (trial === 'OK') return undefined;
    const trialMs = await this.redis.pttl(this.trialKey(source));
    return new Date(Date.now() + Math.max(trialMs, 1000));
  }

  /** Closes the circuit after a successful run. */
  async recordSuccess(source: Source): Promise<void> {
    await this.redis.del(this.failureKey(source), this.trialKey(source), this.trippedKey(source));
    this.seen.set(source, 'closed');
  }

  /** Counts a failed run; an outage-like failure may open the circuit. Other failures are ignored. */
  async recordFailure(source: Source, error: unknown): Promise<void> {
    if (!isOutage(error)) return;
    if (this.seen.get(source) === 'half_open') {
      await this.redis.set(this.openKey(source), '1', 'PX', this.settings.openMs);
      await this.redis.del(this.trialKey(source));
      this.opened(source);
      return;
    }
    const opened = await this.redis.eval(
      FAILURE_SCRIPT,
      2,
      this.failureKey(source),
      this.openKey(source),
      String(this.settings.failureThreshold),
      String(this.settings.openMs),
    );
    if (Number(opened) !== 1) return;
    await this.redis.set(this.trippedKey(source), '1');
    this.opened(source);
  }

  private opened(source: Source): void {
    this.seen.set(source, 'open');
    this.onOpened(source);
  }

  /** Returns the state each source had when this replica last looked, for the metrics. */
  states(): ReadonlyMap<Source, CircuitState> {
    return this.seen;
  }

  private failureKey(source: Source) {
    return `${this.settings.keyPrefix}circuit:${source}:failures`;
  }
  private openKey(source: Source) {
    return `${this.settings.keyPrefix}circuit:${source}:open`;
  }
  private trialKey(source: Source) {
    return `${this.settings.keyPrefix}circuit:${source}:trial`;
  }
  /** Set from the opening of the circuit until a run succeeds. */
  private trippedKey(source: Source) {
    return `${this.settings.keyPrefix}circuit:${source}:tripped`;
  }
}

/** Tells whether a failure shows the source is unavailable, as opposed to a problem with one query. */
export function isOutage(error: unknown): boolean {
  if (!(error instanceof SourceClientError)) return false;
  if (error.code === SourceErrorCode.timeout || error.code === SourceErrorCode.network) return true;
  if (error.code !== SourceErrorCode.httpStatus) return false;
  const status = error.status ?? 0;
  return status === 429 || status >= 500;
}
