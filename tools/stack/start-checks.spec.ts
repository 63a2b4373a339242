import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ConfigError } from '@atlas/config';

import { lastFailureMessage } from './service-log';
import { pickServicePorts } from './service-set';
import { readGivenPorts, validateStartEnvironment } from './start-environment';
import { StartAlreadyRunningError, StartLock } from './start-lock';

function configError(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the environment was accepted');
}

describe('validateStartEnvironment', () => {
  it('accepts an empty environment', () => {
    expect(() => validateStartEnvironment({})).not.toThrow();
  });

  it('names each bad variable once', () => {
    const error = configError(() =>
      validateStartEnvironment({ ATLAS_LOG_LEVEL: 'loud', DATABASE_URL: 'not-a-url', REDIS_URL: 'http://x' }),
    );
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual([
      'ATLAS_LOG_LEVEL',
      'DATABASE_URL',
      'REDIS_URL',
    ]);
    expect(error.message).toContain('ATLAS_LOG_LEVEL: must be one of');
    expect(error.message).toContain('(got "loud")');
    expect(error.message).toContain('unset it to let npm start run one');
    expect(error.message).not.toContain('not-a-url');
  });
});

describe('readGivenPorts', () => {
  it('reads only the ports that are set', () => {
    expect(readGivenPorts({ ATLAS_GATEWAY_PORT: '3010' })).toEqual({ gateway: 3010 });
  });

  it('rejects a port out of range', () => {
    const error = configError(() => readGivenPorts({ ATLAS_INGEST_PORT: '70000' }));
    expect(error.message).toContain('ATLAS_INGEST_PORT: must be a whole number from 1 to 65535');
  });
});

describe('pickServicePorts', () => {
  let busy: net.Server;
  let busyPort: number;

  beforeAll(async () => {
    busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => busy.close(resolve)));

  it('rejects a given port in use', async () => {
    await expect(pickServicePorts({ ingest: busyPort })).rejects.toThrow(
      `ATLAS_INGEST_PORT=${busyPort} is in use`,
    );
  });

  it('keeps a given free port', async () => {
    busy.close();
    const ports = await pickServicePorts({ ingest: busyPort });
    expect(ports.ingest).toBe(busyPort);
    busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(busyPort, '127.0.0.1', resolve));
  });
});

describe('StartLock', () => {
  it('rejects a second start while the holder lives', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'start-lock-'));
    const lock = StartLock.acquire(directory);
    lock.recordApiUrl('http://127.0.0.1:3000');

    // The lock belongs to this pid, so a second holder with another live pid (the parent) is rejected.
    const error = (() => {
      try {
        StartLock.acquire(directory, process.ppid);
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(StartAlreadyRunningError);
    expect((error as Error).message).toBe(
      `npm start is already running (pid ${process.pid}); the API is at http://127.0.0.1:3000. Stop it first, or use that one.`,
    );
    lock.release();
    expect(() => StartLock.acquire(directory, process.ppid).release()).not.toThrow();
  });

  it('takes over a lock of a dead process', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'start-lock-'));
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    writeFileSync(path.join(directory, 'start.pid'), JSON.stringify({ pid: dead.pid }));

    const lock = StartLock.acquire(directory);
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toEqual({ pid: process.pid });
    lock.release();
  });
});

describe('lastFailureMessage', () => {
  it('returns the last fatal line', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'service-log-')), 'notification.log');
    const lines = [
      { level: 30, msg: 'starting' },
      { level: 60, msg: 'Invalid configuration: ATLAS_LOG_LEVEL' },
      'plain text from a dependency',
      { level: 30, msg: 'exiting' },
    ];
    writeFileSync(
      file,
      lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'),
    );
    expect(lastFailureMessage(file)).toBe('Invalid configuration: ATLAS_LOG_LEVEL');
  });

  it('adds the error message', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'service-log-')), 'ingest.log');
    writeFileSync(
      file,
      JSON.stringify({ level: 60, msg: 'ingest failed to start', err: { message: 'EACCES' } }),
    );
    expect(lastFailureMessage(file)).toBe('ingest failed to start: EACCES');
  });

  it('returns undefined without a log', () => {
    expect(lastFailureMessage('/nonexistent/atlas.log')).toBeUndefined();
  });
});

describe('runTypeScriptForwardingSignals', () => {
  it('passes SIGINT on and waits for the child', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'forward-'));
    const entry = path.join(directory, 'child.ts');
    writeFileSync(
      entry,
      `process.on('SIGINT', () => { setTimeout(() => { console.log('child stopped'); process.exit(7); }, 200); });
       console.log('child ready'); setInterval(() => undefined, 1000);`,
    );
    const bootstrap = path.resolve(__dirname, '../scripts/bootstrap.mjs');
    const runner = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import(${JSON.stringify(bootstrap)}).then((m) => m.runTypeScriptForwardingSignals(${JSON.stringify(entry)}, []))`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
    );
    let output = '';
    runner.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve) =>
      runner.stdout.on('data', () => output.includes('child ready') && resolve()),
    );

    // Only the runner gets the signal: it runs in a process group of its own, unlike the child's terminal.
    runner.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => runner.once('exit', resolve));
    expect(output).toContain('child stopped');
    expect(code).toBe(7);
  }, 30_000);
});
