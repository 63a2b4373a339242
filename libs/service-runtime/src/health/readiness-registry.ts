/** Checks one dependency; resolves when it is usable, rejects (or never settles) when it is not. */
export type ReadinessCheck = () => Promise<void>;

/** Result of one dependency's check. */
export interface DependencyStatus {
  status: 'up' | 'down';
  /** Milliseconds the check took, or the timeout when it did not settle. */
  durationMs: number;
  /** Why the dependency is down: `timeout` or `error` (details go to the log, not the client). */
  reason?: 'timeout' | 'error';
}

/** Outcome of running every readiness check. */
export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, DependencyStatus>;
  /** Failures with their errors, for the log. */
  failures: Array<{ name: string; error: unknown }>;
}

/** Milliseconds one readiness check may take before its dependency counts as down. */
export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

class CheckTimeoutError extends Error {
  override readonly name = 'CheckTimeoutError';
  readonly code = 'RUNTIME_ERR_CHECK_TIMEOUT';
}

/** The dependencies a service needs before it takes traffic, each with its check. */
export class ReadinessRegistry {
  private readonly checks = new Map<string, { check: ReadinessCheck; timeoutMs: number }>();

  /** Registers the check of a dependency under a unique name, e.g. `postgres`. */
  register(name: string, check: ReadinessCheck, timeoutMs = DEFAULT_CHECK_TIMEOUT_MS): void {
    if (this.checks.has(name)) throw new Error(`A readiness check named "${name}" is already registered`);
    this.checks.set(name, { check, timeoutMs });
  }

  /** Names of the registered dependencies. */
  names(): string[] {
    return [...this.checks.keys()];
  }

  /** Runs every check in parallel, each bounded by its timeout. */
  async run(): Promise<ReadinessReport> {
    const entries = [...this.checks.entries()];
    const results = await Promise.all(entries.map(([, entry]) => runCheck(entry.check, entry.timeoutMs)));

    const report: ReadinessReport = { ready: true, checks: {}, failures: [] };
    results.forEach((result, index) => {
      const name = entries[index]?.[0] ?? '';
      report.checks[name] = result.status;
      if (result.error !== undefined) {
        report.ready = false;
        report.failures.push({ name, error: result.error });
      }
    });
    return report;
  }
}

async function runCheck(check: ReadinessCheck, timeoutMs: number) {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CheckTimeoutError(`Check timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });

  try {
    await Promise.race([check(), timeout]);
    return { status: { status: 'up', durationMs: elapsed(started) } satisfies DependencyStatus };
  } catch (error) {
    const reason = error instanceof CheckTimeoutError ? 'timeout' : 'error';
    return {
      status: { status: 'down', durationMs: elapsed(started), reason } satisfies DependencyStatus,
      error,
    };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
