import type { NatsConnection } from '@nats-io/nats-core';
import type { Static } from 'typebox';

import { GetImportRunRpc, StartImportRpc } from '@atlas/contracts';
import type { ImportRunSchema } from '@atlas/contracts';
import { callRpc } from '@atlas/messaging';

/** Counts and state of a finished import run. */
export type ImportRunView = Static<typeof ImportRunSchema>;

const SYSTEM = { role: 'system' as const };
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Asks the running ingest service to import a path of its import folder and waits until the run
 * finishes. Throws when the run fails, is cancelled, or is still running after `timeoutMs`.
 */
export async function importThroughIngest(
  nc: NatsConnection,
  importPath: string,
  timeoutMs: number,
): Promise<ImportRunView> {
  const { importRunId } = await callRpc(nc, StartImportRpc, {
    actor: SYSTEM,
    input: { kind: 'path', path: importPath },
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await callRpc(nc, GetImportRunRpc, { actor: SYSTEM, importRunId });
    if (run.state === 'succeeded') return run;
    if (FINISHED.has(run.state)) {
      const reasons = run.rejections.map((rejection) => `${rejection.location}: ${rejection.reason}`);
      throw new Error(`Import run ${importRunId} of "${importPath}" ${run.state}. ${reasons.join('; ')}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Import run ${importRunId} of "${importPath}" was still ${run.state} after ${timeoutMs} ms ` +
          `(${run.inserted} inserted so far).`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
