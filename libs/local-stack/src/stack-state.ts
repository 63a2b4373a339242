import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { isProcessAlive } from './processes';

import type { NatsInstance } from './nats-server';
import type { PostgresInstance } from './postgres-server';
import type { RedisInstance } from './redis-server';

/** The servers a stack folder started, as recorded in its state file. */
export interface StackState {
  postgres?: PostgresInstance;
  nats?: NatsInstance;
  redis?: RedisInstance;
}

const STATE_FILE = 'state.json';

export function readStackState(directory: string): StackState {
  const file = path.join(directory, STATE_FILE);
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as StackState;
}

/** Writes the state atomically and readable by the owner only, because it contains the database password. */
export function writeStackState(directory: string, state: StackState): void {
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, STATE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(temporary, file);
}

/**
 * Runs `action` while holding the stack folder's lock, so two processes starting the stack at once
 * (two terminals, parallel test runners) do not start two sets of servers.
 */
export async function withStackLock<T>(directory: string, action: () => Promise<T>): Promise<T> {
  mkdirSync(directory, { recursive: true });
  const lock = path.join(directory, 'lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSafe(path.join(lock, 'pid')));
      if (holder && !isProcessAlive(holder)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for the stack lock ${lock} held by ${holder}.`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await action();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
