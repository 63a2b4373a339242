import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

import type { ChildProcess } from 'node:child_process';

/** One service running as a child process of the start command. */
export interface RunningService {
  name: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code (or 1 when a signal ended it) once the process exits. */
  exited: Promise<number>;
}

/**
 * Starts `apps/<name>/src/main.ts` in its own process group, so that a Ctrl-C reaches the service once,
 * forwarded by the start command, instead of twice. Output lines get a name prefix. Node loads tsx as a
 * module hook rather than through the tsx command, whose signal relay kills a child that does not
 * acknowledge a signal within 30 ms, which a busy machine misses. With `output`, the lines go there
 * unprefixed instead of to this terminal.
 */
export function startServiceProcess(
  root: string,
  name: string,
  port: number,
  env: NodeJS.ProcessEnv,
  output?: NodeJS.WritableStream,
): RunningService {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('apps', name, 'src', 'main.ts')], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (output) {
    child.stdout.pipe(output, { end: false });
    child.stderr.pipe(output, { end: false });
  } else {
    prefixLines(child.stdout, `${name.padEnd(12)} | `, process.stdout);
    prefixLines(child.stderr, `${name.padEnd(12)} | `, process.stderr);
  }

  const exited = new Promise<number>((resolve) => {
    child.once('error', () => resolve(1));
    child.once('exit', (code) => resolve(code ?? 1));
  });
  return { name, port, child, exited };
}

function prefixLines(
  input: NodeJS.ReadableStream | null,
  prefix: string,
  output: NodeJS.WritableStream,
): void {
  if (!input) return;
  createInterface({ input }).on('line', (line) => output.write(`${prefix}${line}\n`));
}

/** Sends SIGTERM, then SIGKILL to services still running after `timeoutMs`; resolves when all exited. */
export async function stopServices(services: RunningService[], timeoutMs: number): Promise<void> {
  const running = services.filter(
    (service) => service.child.exitCode === null && service.child.signalCode === null,
  );
  for (const service of running) service.child.kill('SIGTERM');

  const killer = setTimeout(() => {
    for (const service of running) {
      if (service.child.exitCode !== null) continue;
      process.stderr.write(`${service.name} did not stop within ${timeoutMs} ms; killing it\n`);
      service.child.kill('SIGKILL');
    }
  }, timeoutMs);
  await Promise.all(running.map((service) => service.exited));
  clearTimeout(killer);
}

/** Polls `GET /health/ready` until it returns 200, or throws after `timeoutMs`. */
export async function waitUntilReady(service: RunningService, timeoutMs: number): Promise<void> {
  const url = `http://127.0.0.1:${service.port}/health/ready`;
  const deadline = Date.now() + timeoutMs;
  let lastStatus = 'no response';

  while (Date.now() < deadline) {
    if (service.child.exitCode !== null)
      throw new Error(`${service.name} exited with code ${service.child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
      lastStatus = `${response.status} ${await response.text()}`;
    } catch {
      lastStatus = 'no response';
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.name} was not ready after ${timeoutMs} ms (last response: ${lastStatus})`);
}
