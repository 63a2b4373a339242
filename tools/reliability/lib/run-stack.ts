import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startStack, stopStack } from '@atlas/local-stack';
import type { StackConnection } from '@atlas/local-stack';

import { prepareDatabase } from '../../stack/prepare-database';

/** Servers of one reliability run, in a folder of their own, with every service's database URL. */
export interface RunStack {
  directory: string;
  connection: StackConnection;
  /** `ATLAS_<SERVICE>_DATABASE_URL` of each service, for its runtime role. */
  databaseEnv: Record<string, string>;
  stop(): Promise<void>;
}

export interface RunStackOptions {
  /** NATS URL(s) to use instead of starting a single server, e.g. a cluster's three client URLs. */
  natsUrl?: string;
  /** Superuser URL of a PostgreSQL server to use instead of starting one. */
  databaseUrl?: string;
  log?: (line: string) => void;
}

/**
 * Starts Redis and, unless given, PostgreSQL and NATS on loopback in a new temporary folder, never the
 * checkout's own stack, provisions the schemas and roles and applies every migration.
 */
export async function startRunStack(name: string, options: RunStackOptions = {}): Promise<RunStack> {
  const directory = mkdtempSync(path.join(tmpdir(), `atlas-${name}-`));
  // PostgreSQL runs as the postgres account when this runs as root, so it must reach the folder.
  chmodSync(directory, 0o755);
  const log = options.log ?? (() => undefined);
  const env: NodeJS.ProcessEnv = {
    ...(options.natsUrl ? { NATS_URL: options.natsUrl } : {}),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  };
  const connection = await startStack({ directory, env, log });

  // Role passwords are kept in the stack folder that prepareDatabase reads from ATLAS_STACK_DIR.
  const previousStackDir = process.env['ATLAS_STACK_DIR'];
  process.env['ATLAS_STACK_DIR'] = directory;
  let databaseEnv: Record<string, string>;
  try {
    databaseEnv = await prepareDatabase(connection.databaseUrl, { info: () => undefined });
  } finally {
    if (previousStackDir === undefined) delete process.env['ATLAS_STACK_DIR'];
    else process.env['ATLAS_STACK_DIR'] = previousStackDir;
  }

  return {
    directory,
    connection,
    databaseEnv,
    async stop() {
      await stopStack({ directory, log });
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
