import { rmSync } from 'node:fs';
import path from 'node:path';

import { findWorkspaceRoot, startStack, stopStack } from '@atlas/local-stack';

import { realDataSet } from '../pipeline/real-data-set';
import { prepareDatabase } from '../stack/prepare-database';
import { runDemo } from './demo-run';

/**
 * Researcher whose session the demo plays: Carl Boettiger, whose ORCID record is in data/real and
 * whose queue contains a bioRxiv preprint beside its journal version.
 */
export const DEMO_ORCID = '0000-0002-1642-628X';

const root = findWorkspaceRoot();
const directory = path.join(root, '.atlas', 'demo');
const log = (line: string) => process.stdout.write(`${line}\n`);

// Exit on Ctrl-C or SIGTERM through process.exit, so that the exit handlers stop the services.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

async function main(): Promise<number> {
  const started = Date.now();
  // The demo starts from empty in its own folder, so the data of `npm start` in .atlas/stack stays.
  process.env['ATLAS_STACK_DIR'] = directory;
  await stopStack({ directory });
  rmSync(directory, { recursive: true, force: true });
  const connection = await startStack({ directory, env: {}, log });
  try {
    const databaseEnv = await prepareDatabase(connection.databaseUrl, { info: () => undefined });
    const result = await runDemo({
      root,
      serviceEnv: { NATS_URL: connection.natsUrl, REDIS_URL: connection.redisUrl, ...databaseEnv },
      adminDatabaseUrl: connection.databaseUrl,
      natsUrl: connection.natsUrl,
      dataSet: realDataSet(root),
      orcid: DEMO_ORCID,
      logDirectory: path.join(directory, 'logs'),
      log,
    });
    log(`\nDemo ${result.passed ? 'passed' : 'failed'} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    log(result.resultLine);
    return result.passed ? 0 : 1;
  } finally {
    // Quietly, so that the RESULT line stays the last line of the output.
    await stopStack({ directory });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    log('RESULT demo records=0 candidates=0 decisions=0 works=0 notifications=0');
    process.exit(1);
  },
);
