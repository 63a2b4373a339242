import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import { findWorkspaceRoot, startStack, stackEnvironment, stopStack } from '@atlas/local-stack';

import type { StackComponent } from '@atlas/local-stack';

const root = findWorkspaceRoot();
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

/** The steps of the test command, in order; each must pass before the next runs. */
const STEPS: Array<{ title: string; command: string; args: string[] }> = [
  { title: 'Format check', command: bin('prettier'), args: ['--check', '--log-level=warn', '.'] },
  { title: 'Type check', command: bin('tsc'), args: ['-p', 'tsconfig.json', '--noEmit'] },
  {
    title: 'Lint',
    command: bin('nx'),
    args: ['run-many', '-t', 'lint', '--parallel=2', '--outputStyle=static'],
  },
  {
    title: 'Tests',
    command: bin('nx'),
    args: ['run-many', '-t', 'test', '--parallel=2', '--outputStyle=static', '--', '--ci'],
  },
];

function runStep(step: (typeof STEPS)[number], env: NodeJS.ProcessEnv): boolean {
  process.stdout.write(`\n== ${step.title}\n`);
  const result = spawnSync(step.command, step.args, { cwd: root, stdio: 'inherit', env });
  if (result.error) process.stderr.write(`Failed to run ${step.command}: ${result.error.message}\n`);
  return result.status === 0;
}

const resultsDirectory = path.join(root, '.atlas', 'test-results');

/** Adds up the totals each Jest run wrote, for one closing line across all projects. */
function printTotals(): void {
  if (!existsSync(resultsDirectory)) return;
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const file of readdirSync(resultsDirectory)) {
    const run = JSON.parse(readFileSync(path.join(resultsDirectory, file), 'utf8')) as typeof totals;
    totals.passed += run.passed;
    totals.failed += run.failed;
    totals.skipped += run.skipped;
  }
  process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
}

async function main(): Promise<number> {
  rmSync(resultsDirectory, { recursive: true, force: true });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const connection = await startStack({ log });
  const started: StackComponent[] = connection.started;
  const env = {
    ...process.env,
    ...stackEnvironment(connection),
    NX_DAEMON: 'false',
    CI: process.env['CI'] ?? 'true',
  };

  let failed = false;
  try {
    for (const step of STEPS) {
      if (!runStep(step, env)) {
        process.stdout.write(`\n${step.title} failed.\n`);
        failed = true;
        break;
      }
    }
  } finally {
    if (started.length > 0 && !process.env['ATLAS_KEEP_STACK']) await stopStack({ log, only: started });
  }
  printTotals();
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
