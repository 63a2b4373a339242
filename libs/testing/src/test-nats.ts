import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { natsUrl, startNats, stopNats } from '@atlas/local-stack';

/** A NATS user name with its password. */
export interface TestNatsUser {
  user: string;
  password: string;
}

/** Options of {@link startTestNats}. */
export interface TestNatsOptions {
  /** When given, the server accepts only these users, so a client without credentials is rejected. */
  users?: readonly TestNatsUser[];
}

/** A nats-server of its own for one test file, in a temporary folder. */
export interface TestNats {
  /** Server URL without credentials. */
  url: string;
  /** Builds the URL `nats://user:password@host:port` that service-runtime reads credentials from. */
  urlFor(user: TestNatsUser): string;
  stop(): Promise<void>;
}

function authorizationBlock(users: readonly TestNatsUser[]): string {
  const entries = users.map(
    ({ user, password }) => `    { user: ${JSON.stringify(user)}, password: ${JSON.stringify(password)} }`,
  );
  return ['authorization {', '  users = [', ...entries, '  ]', '}'].join('\n');
}

/** Starts an isolated JetStream server on random loopback ports. */
export async function startTestNats(options: TestNatsOptions = {}): Promise<TestNats> {
  const directory = mkdtempSync(path.join(tmpdir(), 'atlas-test-nats-'));
  const preferredPort = 20_000 + Math.floor(Math.random() * 20_000);
  const instance = await startNats(directory, undefined, () => undefined, {
    preferredPort,
    preferredMonitorPort: preferredPort + 1,
    serverName: `test-${preferredPort}`,
    ...(options.users ? { extraConfig: authorizationBlock(options.users) } : {}),
  });
  const url = natsUrl(instance);
  return {
    url,
    urlFor({ user, password }) {
      const withCredentials = new URL(url);
      withCredentials.username = encodeURIComponent(user);
      withCredentials.password = encodeURIComponent(password);
      return withCredentials.toString().replace(/\/$/, '');
    },
    stop: async () => {
      await stopNats(instance);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
