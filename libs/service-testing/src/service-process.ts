import { spawn } from 'node:child_process';
import path from 'node:path';

import type { ChildProcess } from 'node:child_process';

import { waitFor } from './wait-for';

/** A service started as its own process with `tsx`, with everything it wrote. */
export interface ServiceProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * Starts `apps/<name>/src/main.ts` with the given environment added to this process's. Node loads tsx
 * as a module hook, so signals reach the service itself rather than the tsx command's relay.
 */
export function startServiceProcess(name: string, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', `apps/${name}/src/main.ts`], {
    cwd: workspaceRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Waits until `GET <baseUrl>/health/ready` returns 200 over real HTTP. */
export async function waitUntilReady(baseUrl: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    async () => {
      try {
        const response = await fetch(`${baseUrl}/health/ready`);
        return response.status === 200;
      } catch {
        return false;
      }
    },
    `${baseUrl}/health/ready to return 200`,
    timeoutMs,
  );
}
