import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { redisUrl, startRedis, stopRedis } from '@atlas/local-stack';

/** A redis-server of its own for one test file, in a temporary folder. */
export interface TestRedis {
  /** Client URL; it carries the password when the server requires one. */
  url: string;
  stop(): Promise<void>;
}

/** Starts an isolated Redis on a random loopback port, requiring `password` when one is given. */
export async function startTestRedis(options: { password?: string } = {}): Promise<TestRedis> {
  const directory = mkdtempSync(path.join(tmpdir(), 'atlas-test-redis-'));
  const preferredPort = 20_000 + Math.floor(Math.random() * 20_000);
  const instance = await startRedis(directory, undefined, () => undefined, {
    preferredPort,
    ...(options.password === undefined ? {} : { password: options.password }),
  });
  return {
    url: redisUrl(instance),
    stop: async () => {
      await stopRedis(instance);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
