import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { canConnect, pickPort, waitForPort } from './ports';
import { isProcessAlive, spawnDetached, waitForExit } from './processes';
import { REDIS_SERVER, ensureSystemBinary } from './system-packages';

/** A Redis server listening on loopback, persisting to an append-only file in its folder. */
export interface RedisInstance {
  port: number;
  pid: number;
  directory: string;
}

/** Starts `redis-server` with its data under `directory`, or reuses a running one. */
export async function startRedis(
  directory: string,
  previous: RedisInstance | undefined,
  log: (line: string) => void,
  preferredPort = 6379,
): Promise<RedisInstance> {
  if (previous && isProcessAlive(previous.pid) && (await canConnect(previous.port))) return previous;

  const executable = ensureSystemBinary(REDIS_SERVER, log);
  mkdirSync(directory, { recursive: true });
  const port = await pickPort(previous?.port ?? preferredPort);

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
  const pid = spawnDetached(executable, args, { logFile: path.join(directory, 'redis-server.log') });
  await waitForPort(port);
  return { port, pid, directory };
}

/** Stops the server; Redis writes its append-only file before it exits on SIGTERM. */
export async function stopRedis(instance: RedisInstance): Promise<void> {
  if (!isProcessAlive(instance.pid)) return;
  process.kill(instance.pid, 'SIGTERM');
  await waitForExit(instance.pid);
}

export function redisUrl(instance: RedisInstance): string {
  return `redis://127.0.0.1:${instance.port}`;
}
