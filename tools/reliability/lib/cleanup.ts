/** Steps that undo what a run started (services, servers, folders), newest first. */
const cleanups: Array<() => Promise<void>> = [];

/** Registers an undo step; call the returned function once the step has run in the normal course. */
export function registerCleanup(cleanup: () => Promise<void>): () => void {
  cleanups.unshift(cleanup);
  return () => {
    const index = cleanups.indexOf(cleanup);
    if (index >= 0) cleanups.splice(index, 1);
  };
}

/** Runs the registered undo steps that have not run, newest first; a failing step does not stop the others. */
export async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) {
    await cleanup().catch((error: unknown) => process.stderr.write(`cleanup failed: ${String(error)}\n`));
  }
}

/**
 * On SIGINT or SIGTERM, runs the registered undo steps before exiting, so no server outlives the run.
 * A Ctrl-C reaches the script twice (from the terminal and passed on by npm's wrapper), so a repeated
 * signal joins the stop already under way instead of ending the process before it is done.
 */
export function cleanUpOnSignal(): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`${signal}: stopping the services and servers of this run\n`);
      void runCleanups().then(() => process.exit(130));
    });
  }
}
