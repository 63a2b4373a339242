/** Milliseconds between two checks of the parent process. */
const PARENT_POLL_MS = 500;

/**
 * Calls `onGone` once when this process's parent exits, which Linux and macOS show by giving the process
 * a new parent (init or a subreaper). The check runs on an unreferenced timer, so it keeps nothing alive.
 */
export function watchParent(onGone: () => void, pollMs = PARENT_POLL_MS): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
