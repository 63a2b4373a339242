import type { Logger } from 'pino';

/** A task run at a fixed interval, never overlapping itself. */
export interface PeriodicJob {
  start(): void;
  /** Waits for a run in progress, then stops; safe to call twice. */
  stop(): Promise<void>;
  /** Runs the task once now, waiting for any run in progress first. */
  runNow(): Promise<void>;
}

/**
 * Creates a job that runs `task` every `intervalMs` after the previous run ends. A failing run is
 * logged and the next one runs on schedule.
 */
export function createPeriodicJob(options: {
  name: string;
  intervalMs: number;
  task: () => Promise<void>;
  log: Logger;
}): PeriodicJob {
  const log = options.log.child({ job: options.name });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = true;

  const runOnce = async (): Promise<void> => {
    try {
      await options.task();
    } catch (error) {
      log.error({ err: error }, `Job ${options.name} failed; it runs again in ${options.intervalMs} ms`);
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().then(schedule);
    }, options.intervalMs);
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    async runNow() {
      await running;
      running = runOnce();
      await running;
    },
  };
}
