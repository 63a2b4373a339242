import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `probe` until it returns true, failing with `description` after `timeoutMs`. */
export async function waitFor(
  probe: () => Promise<boolean>,
  description: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await sleep(100);
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
}
