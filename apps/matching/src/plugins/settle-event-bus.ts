import { setTimeout as sleep } from 'node:timers/promises';

import type { FastifyInstance } from 'fastify';

/** Longest wait for a start of the event bus in progress when the service closes. */
const SETTLE_TIMEOUT_MS = 10_000;
/** Pause after the start, so each consumer's first pull request is out before its iterator is closed. */
const PULL_SETTLE_MS = 1_000;

/**
 * Lets a start of the event bus in progress finish, then stops the bus before the service closes.
 *
 * NOTE: `EventBus.close()` stops the consumers started so far without waiting for a start in
 * progress, which then starts the remaining consumers after the close; their pull loops keep the
 * process alive, and the bus was seen closing after the NATS and PostgreSQL clients. Until the
 * runtime orders this itself, the service waits here (only while NATS is connected; otherwise the
 * start cannot progress and the close stops its retries) and closes the bus first.
 */
export function settleEventBusBeforeClose(app: FastifyInstance): void {
  let started = false;
  app.addHook('onReady', async () => {
    started = true;
  });
  app.addHook('preClose', async () => {
    if (started && isNatsConnected(app)) {
      const abort = new AbortController();
      await Promise.race([
        app.eventBus.start(),
        sleep(SETTLE_TIMEOUT_MS, undefined, { signal: abort.signal, ref: false }).catch(() => undefined),
      ]);
      abort.abort();
      await sleep(PULL_SETTLE_MS);
    }
    // Closing here, while NATS and PostgreSQL are still open, keeps consumers from outliving them.
    await app.eventBus.close();
  });
}

function isNatsConnected(app: FastifyInstance): boolean {
  try {
    return !app.nats.isClosed();
  } catch {
    return false;
  }
}
