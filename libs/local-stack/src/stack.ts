import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { natsUrl, startNats, stopNats } from './nats-server';
import { postgresUrl, startPostgres, stopPostgres } from './postgres-server';
import { redisUrl, startRedis, stopRedis } from './redis-server';
import { readStackState, withStackLock, writeStackState } from './stack-state';
import type { StackState } from './stack-state';
import { findWorkspaceRoot, stackDirectory } from './workspace-root';

/** Users of the local nats-server, generated from the public event contracts (see infra/nats/). */
const LOCAL_NATS_AUTHORIZATION = 'infra/nats/local/authorization.conf';

/** Reads the local NATS users; a checkout without the file runs NATS without users, as before. */
function localNatsAuthorization(): string {
  const file = path.join(findWorkspaceRoot(), LOCAL_NATS_AUTHORIZATION);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

export type StackComponent = 'postgres' | 'nats' | 'redis';

/** Connection URLs of the stack's servers, and which of them this call started. */
export interface StackConnection {
  databaseUrl: string;
  natsUrl: string;
  /** URL of the NATS monitoring endpoint, when the stack runs the server itself. */
  natsMonitorUrl?: string;
  redisUrl: string;
  /** Components this call started, as opposed to found running or given by the environment. */
  started: StackComponent[];
  /** Components given by DATABASE_URL, NATS_URL or REDIS_URL. */
  external: StackComponent[];
}

export interface StackOptions {
  directory?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/**
 * Starts PostgreSQL, NATS and Redis on loopback, reusing those already running from an earlier call.
 * A component whose URL is given in the environment is used as it is and never started.
 */
export async function startStack(options: StackOptions = {}): Promise<StackConnection> {
  const env = options.env ?? process.env;
  const directory = options.directory ?? stackDirectory();
  const log = options.log ?? (() => undefined);

  return withStackLock(directory, async () => {
    const state = readStackState(directory);
    const started: StackComponent[] = [];
    const external: StackComponent[] = [];
    const connection = { databaseUrl: '', natsUrl: '', redisUrl: '' } as StackConnection;

    try {
      if (env['DATABASE_URL']) {
        connection.databaseUrl = env['DATABASE_URL'];
        external.push('postgres');
      } else {
        const before = state.postgres?.pid;
        state.postgres = await startPostgres(path.join(directory, 'postgres'), state.postgres, log);
        if (state.postgres.pid !== before) started.push('postgres');
        connection.databaseUrl = postgresUrl(state.postgres);
        writeStackState(directory, state);
      }

      if (env['NATS_URL']) {
        connection.natsUrl = env['NATS_URL'];
        external.push('nats');
      } else {
        const before = state.nats?.pid;
        const extraConfig = localNatsAuthorization();
        state.nats = await startNats(path.join(directory, 'nats'), state.nats, log, { extraConfig });
        if (state.nats.pid !== before) started.push('nats');
        connection.natsUrl = natsUrl(state.nats);
        connection.natsMonitorUrl = `http://127.0.0.1:${state.nats.monitorPort}`;
        writeStackState(directory, state);
      }

      if (env['REDIS_URL']) {
        connection.redisUrl = env['REDIS_URL'];
        external.push('redis');
      } else {
        const before = state.redis?.pid;
        state.redis = await startRedis(path.join(directory, 'redis'), state.redis, log);
        if (state.redis.pid !== before) started.push('redis');
        connection.redisUrl = redisUrl(state.redis);
        writeStackState(directory, state);
      }
    } catch (error) {
      // A server that fails to start must not leave the ones this call started running.
      await stopComponents(state, started, log);
      throw error;
    }

    return { ...connection, started, external };
  });
}

/** Stops the named servers of `state`; the caller holds the stack lock. */
async function stopComponents(
  state: StackState,
  components: readonly StackComponent[],
  log: (line: string) => void,
): Promise<void> {
  if (state.redis && components.includes('redis')) {
    log('Stopping Redis');
    await stopRedis(state.redis);
  }
  if (state.nats && components.includes('nats')) {
    log('Stopping NATS');
    await stopNats(state.nats);
  }
  if (state.postgres && components.includes('postgres')) {
    log('Stopping PostgreSQL');
    stopPostgres(state.postgres);
  }
}

/** Stops the servers of the local stack (all, or only those named); their data stays for the next start. */
export async function stopStack(
  options: StackOptions & { only?: StackComponent[] } = {},
): Promise<StackComponent[]> {
  const directory = options.directory ?? stackDirectory();
  const log = options.log ?? (() => undefined);
  const isSelected = (component: StackComponent) => !options.only || options.only.includes(component);

  return withStackLock(directory, async () => {
    const state = readStackState(directory);
    const stopped: StackComponent[] = [];
    if (state.redis && isSelected('redis')) {
      log('Stopping Redis');
      await stopRedis(state.redis);
      stopped.push('redis');
    }
    if (state.nats && isSelected('nats')) {
      log('Stopping NATS');
      await stopNats(state.nats);
      stopped.push('nats');
    }
    if (state.postgres && isSelected('postgres')) {
      log('Stopping PostgreSQL');
      stopPostgres(state.postgres);
      stopped.push('postgres');
    }
    return stopped;
  });
}

/** Exports the stack's URLs under the variable names every service reads. */
export function stackEnvironment(connection: StackConnection): Record<string, string> {
  return {
    DATABASE_URL: connection.databaseUrl,
    NATS_URL: connection.natsUrl,
    REDIS_URL: connection.redisUrl,
  };
}
