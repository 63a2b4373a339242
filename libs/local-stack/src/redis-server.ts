import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { canConnect, pickPort, waitForPort } from './ports';
import { isProcessAlive, spawnDetached, waitForExit } from './processes';
import { REDIS_SERVER, ensureSystemBinary } from './system-packages';

/** A Redis server listening on loopback, persisting to an append-only file in its folder. */
export interface RedisInstance {
  port: number;
  pid: number;
  directory: string;
  /** Password every client must send with AUTH (`requirepass`); absent when the server requires none. */
  password?: string;
}

/** Options of {@link startRedis}. */
export interface RedisStartOptions {
  /** Port to try first; a free one is picked when it is taken. */
  preferredPort?: number;
  /** Sets `requirepass`, so clients must authenticate; the URL from {@link redisUrl} then carries it. */
  password?: string;
}

function writePasswordConfig(directory: string, password: string): string {
  const configFile = path.join(directory, 'redis-auth.conf');
  writeFileSync(configFile, `requirepass ${JSON.stringify(password)}\n`, { mode: 0o600 });
  return configFile;
}

/** Starts `redis-server` with its data under `directory`, or reuses a running one. */
export async function startRedis(
  directory: string,
  previous: RedisInstance | undefined,
  log: (line: string) => void,
  options: RedisStartOptions = {},
): Promise<RedisInstance> {
  if (previous && isProcessAlive(previous.pid) && (await canConnect(previous.port))) return previous;

  const executable = ensureSystemBinary(REDIS_SERVER, log);
  mkdirSync(directory, { recursive: true });
  const port = await pickPort(previous?.port ?? options.preferredPort ?? 6379);

  log(`Starting Redis on 127.0.0.1:${port}`);
  const args = [
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--dir',
    directory,
    '--appendonly',
    'yes',
    '--save',
    '',
    '--daemonize',
    'no',
    '--protected-mode',
    'yes',
  ];
  // A config file readable by its owner only keeps the password out of the process list.
  if (options.password !== undefined) args.unshift(writePasswordConfig(directory, options.password));
  const pid = spawnDetached(executable, args, { logFile: path.join(directory, 'redis-server.log') });
  await waitForPort(port);
  return options.password === undefined
    ? { port, pid, directory }
    : { port, pid, directory, password: options.password };
}

/** Stops the server; Redis writes its append-only file before it exits on SIGTERM. */
export async function stopRedis(instance: RedisInstance): Promise<void> {
  if (!isProcessAlive(instance.pid)) return;
  process.kill(instance.pid, 'SIGTERM');
  await waitForExit(instance.pid);
}

/** Builds the client URL; with a password it is `redis://:password@host:port`, as ioredis reads it. */
export function redisUrl(instance: RedisInstance): string {
  if (instance.password === undefined) return `redis://127.0.0.1:${instance.port}`;
  return `redis://:${encodeURIComponent(instance.password)}@127.0.0.1:${instance.port}`;
}
