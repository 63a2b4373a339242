import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { findWorkspaceRoot, startStack, stackEnvironment, stopStack } from '@atlas/local-stack';

const BENCH_SUFFIX = '.bench.ts';

/** Lists the benchmarks in this folder, or the named subset, failing on an unknown name. */
function selectBenchmarks(directory: string, names: string[]): string[] {
  const available = readdirSync(directory)
    .filter((file) => file.endsWith(BENCH_SUFFIX))
    .map((file) => file.slice(0, -BENCH_SUFFIX.length))
    .sort();
  const unknown = names.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ') || 'none'}.`);
  }
  return names.length > 0 ? names : available;
}

async function main(names: string[]): Promise<number> {
  const root = findWorkspaceRoot();
  const directory = path.join(root, 'tools', 'bench');
  const benchmarks = selectBenchmarks(directory, names);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const connection = await startStack({ log });
  const env = { ...process.env, ...stackEnvironment(connection) };

  const failed: string[] = [];
  try {
    for (const name of benchmarks) {
      log(`\n== ${name}`);
      const result = spawnSync(
        path.join(root, 'node_modules', '.bin', 'tsx'),
        [path.join(directory, `${name}${BENCH_SUFFIX}`)],
        { cwd: root, stdio: 'inherit', env },
      );
      if (result.status !== 0) failed.push(name);
    }
  } finally {
    if (connection.started.length > 0) await stopStack({ log, only: connection.started });
  }
  if (failed.length > 0) log(`\nFailed benchmarks: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
