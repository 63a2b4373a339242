import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Contents of the lock file of a running `npm start`. */
export interface StartLockHolder {
  pid: number;
  /** The gateway's address, once the holder has picked its port. */
  apiUrl?: string;
}

/** Raised when another `npm start` holds the lock. */
export class StartAlreadyRunningError extends Error {
  override readonly name = 'StartAlreadyRunningError';

  constructor(readonly holder: StartLockHolder) {
    const where = holder.apiUrl ? `the API is at ${holder.apiUrl}` : 'it has not picked the API port yet';
    super(`npm start is already running (pid ${holder.pid}); ${where}. Stop it first, or use that one.`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): StartLockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<StartLockHolder>;
    return typeof holder.pid === 'number' ? (holder as StartLockHolder) : undefined;
  } catch {
    // A missing, half-written or foreign file names no live process, so it is taken over like a stale lock.
    return undefined;
  }
}

/**
 * The pid lock that keeps a second `npm start` on the same stack folder from starting a second set of
 * services. A lock whose process is gone is taken over.
 * NOTE: a stale lock whose pid was reused by an unrelated process after a reboot still blocks; remove
 * the file named in the message then.
 */
export class StartLock {
  private constructor(
    readonly file: string,
    private readonly pid: number,
  ) {}

  /** Takes the lock in `directory`, or raises {@link StartAlreadyRunningError} naming the holder. */
  static acquire(directory: string, pid = process.pid): StartLock {
    const file = path.join(directory, 'start.pid');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        writeFileSync(file, JSON.stringify({ pid }), { flag: 'wx', mode: 0o600 });
        return new StartLock(file, pid);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(file);
      if (holder && holder.pid !== pid && isAlive(holder.pid)) throw new StartAlreadyRunningError(holder);
      rmSync(file, { force: true });
    }
    throw new Error(`Failed to take the start lock ${file}: another process keeps replacing it.`);
  }

  /** Records the gateway's address for a second start's message. */
  recordApiUrl(apiUrl: string): void {
    const temporary = `${this.file}.${this.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ pid: this.pid, apiUrl }), { mode: 0o600 });
    renameSync(temporary, this.file);
  }

  /** Removes the lock file when it is still this process's. */
  release(): void {
    if (readHolder(this.file)?.pid === this.pid) rmSync(this.file, { force: true });
  }
}
