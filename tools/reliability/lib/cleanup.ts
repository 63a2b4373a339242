/** Steps that undo what a run started (services, servers, folders), newest first. */
const cleanups: Array<() => Promise<void>> = [];

/** Registers an undo step for SIGINT and SIGTERM; call the returned function once it has run normally. */
export function registerCleanup(cleanup: () => Promise<void>): () => void {
  cleanups.unshift(cleanup);
  return () => {
    const index = cleanups.indexOf(cleanup);
    if (index >= 0) cleanups.splice(index, 1);
  };
}

/** On SIGINT or SIGTERM, runs the registered undo steps before exiting, so no server outlives the run. */
export function cleanUpOnSignal(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`${signal}: stopping the services and servers of this run\n`);
      void (async () => {
        for (const cleanup of [...cleanups]) {
          await cleanup().catch((error: unknown) =>
            process.stderr.write(`cleanup failed: ${String(error)}\n`),
          );
        }
        process.exit(130);
      })();
    });
  }
}
