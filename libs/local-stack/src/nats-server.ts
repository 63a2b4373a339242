import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { canConnect, pickPort, waitForPort } from './ports';
import { isProcessAlive, spawnDetached, waitForExit } from './processes';
import { NATS_SERVER, ensureSystemBinary } from './system-packages';

/** A NATS server with JetStream enabled, listening on loopback. */
export interface NatsInstance {
  port: number;
  monitorPort: number;
  pid: number;
  directory: string;
}

export interface NatsStartOptions {
  /** Client port to try first; a free one is picked when it is taken. */
  preferredPort?: number;
  preferredMonitorPort?: number;
  /** Name the server reports; JetStream needs one that is stable across restarts. */
  serverName?: string;
  /**
   * nats-server configuration text appended to the generated file, e.g. an `authorization` block with
   * `no_auth_user`, so that clients without credentials keep working.
   */
  extraConfig?: string;
}

function writeConfig(
  directory: string,
  port: number,
  monitorPort: number,
  serverName: string,
  extraConfig = '',
): string {
  const configFile = path.join(directory, 'nats-server.conf');
  const storeDirectory = path.join(directory, 'jetstream');
  mkdirSync(storeDirectory, { recursive: true });
  // The 2.9 server shipped by Debian takes host and ports from a config file only.
  const config = [
    `server_name: ${JSON.stringify(serverName)}`,
    `listen: "127.0.0.1:${port}"`,
    `http: "127.0.0.1:${monitorPort}"`,
    'max_payload: 1MB',
    'jetstream {',
    `  store_dir: ${JSON.stringify(storeDirectory)}`,
    '  max_memory_store: 256MB',
    '  max_file_store: 8GB',
    '}',
    extraConfig,
    '',
  ].join('\n');
  writeFileSync(configFile, config);
  return configFile;
}

/** Starts `nats-server` with JetStream storage under `directory`, or reuses a running one. */
export async function startNats(
  directory: string,
  previous: NatsInstance | undefined,
  log: (line: string) => void,
  options: NatsStartOptions = {},
): Promise<NatsInstance> {
  if (previous && isProcessAlive(previous.pid) && (await canConnect(previous.port))) return previous;

  const executable = ensureSystemBinary(NATS_SERVER, log);
  mkdirSync(directory, { recursive: true });
  const port = await pickPort(previous?.port ?? options.preferredPort ?? 4222);
  const monitorPort = await pickPort(previous?.monitorPort ?? options.preferredMonitorPort ?? 8222);
  const serverName = options.serverName ?? 'atlas-local';
  const configFile = writeConfig(directory, port, monitorPort, serverName, options.extraConfig);

  log(`Starting NATS (JetStream) on 127.0.0.1:${port}`);
  const pid = spawnDetached(executable, ['-c', configFile], {
    logFile: path.join(directory, 'nats-server.log'),
  });
  await waitForPort(port);
  return { port, monitorPort, pid, directory };
}

/** Stops the server and waits for it to flush JetStream to disk. */
export async function stopNats(instance: NatsInstance): Promise<void> {
  if (!isProcessAlive(instance.pid)) return;
  process.kill(instance.pid, 'SIGTERM');
  await waitForExit(instance.pid);
}

export function natsUrl(instance: NatsInstance): string {
  return `nats://127.0.0.1:${instance.port}`;
}
