import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { natsUrl, startNats, stopNats } from '@atlas/local-stack';

/** A nats-server of its own for one test file, in a temporary folder. */
export interface TestNats {
  url: string;
  stop(): Promise<void>;
}

/** Starts an isolated JetStream server on random loopback ports. */
export async function startTestNats(): Promise<TestNats> {
  const directory = mkdtempSync(path.join(tmpdir(), 'atlas-test-nats-'));
  const preferredPort = 20_000 + Math.floor(Math.random() * 20_000);
  const instance = await startNats(directory, undefined, () => undefined, {
    preferredPort,
    preferredMonitorPort: preferredPort + 1,
    serverName: `test-${preferredPort}`,
  });
  return {
    url: natsUrl(instance),
    stop: async () => {
      await stopNats(instance);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
