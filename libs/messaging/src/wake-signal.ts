/**
 * A timer that an event can cut short. A `notify()` with no wait in progress is remembered, so a wake-up
 * that arrives between two waits is not lost.
 */
export class WakeSignal {
  private pending = false;
  private wakeWaiter?: () => void;

  /** Resolves after `ms` milliseconds, or as soon as `notify()` is called. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish(), ms);
      this.wakeWaiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Ends the current wait, or the next one if none is running. */
  notify(): void {
    if (this.wakeWaiter) this.finish();
    else this.pending = true;
  }

  private finish(): void {
    const waiter = this.wakeWaiter;
    this.wakeWaiter = undefined;
    waiter?.();
  }
}
