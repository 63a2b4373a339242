import { spawn, spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

/** Returns true while a process with this id exists. */
export function isProcessAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until the process has exited, sending SIGKILL if it outlives `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface DetachedOptions {
  /** File that receives the process's stdout and stderr. */
  logFile: string;
  cwd?: string;
  uid?: number;
  gid?: number;
}

/** Starts a server process that outlives this one, writing its output to a log file. */
export function spawnDetached(command: string, args: string[], options: DetachedOptions): number {
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', log, log],
      uid: options.uid,
      gid: options.gid,
    });
    if (!child.pid) throw new Error(`Failed to start ${command}; see ${options.logFile}.`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/** Runs a command to completion and throws with its output when it fails. */
export function runChecked(
  command: string,
  args: string[],
  options: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): string {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error)
    throw new Error(`Failed to run ${command}: ${result.error.message}`, { cause: result.error });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.status}:\n${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

/** Returns the absolute path of an executable on PATH, or undefined. */
export function findExecutable(name: string): string | undefined {
  const searchPath = [process.env['PATH'] ?? '', '/usr/sbin', '/usr/local/sbin', '/sbin'].join(':');
  const result = spawnSync('sh', ['-c', `command -v ${name}`], {
    encoding: 'utf8',
    env: { ...process.env, PATH: searchPath },
  });
  const found = result.stdout.trim();
  return result.status === 0 && found ? found : undefined;
}
