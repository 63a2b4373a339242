// Installs the npm dependencies when node_modules is missing or older than package-lock.json.
// Uses only Node built-ins, because it runs before anything is installed.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function lockHash() {
  const lock = path.join(workspaceRoot, 'package-lock.json');
  return createHash('sha256').update(readFileSync(lock)).digest('hex');
}

/** Runs a command in the checkout, inheriting the terminal, and exits with its status on failure. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: workspaceRoot, stdio: 'inherit', ...options });
  if (result.error) {
    console.error(`Failed to run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

export function ensureDependencies() {
  const modules = path.join(workspaceRoot, 'node_modules');
  // A linked node_modules belongs to another checkout; `npm ci` would empty it for every checkout using it.
  if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) return;

  const marker = path.join(modules, '.atlas-lock-hash');
  const expected = lockHash();
  if (existsSync(marker) && readFileSync(marker, 'utf8') === expected) return;

  console.log('Installing npm dependencies (npm ci)...');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  writeFileSync(marker, expected);
}

/**
 * Generates each app's Prisma client when it is missing or older than its schema.prisma. The clients
 * are build output, so a fresh clone has none.
 */
export function ensurePrismaClients() {
  const appsDirectory = path.join(workspaceRoot, 'apps');
  const stale = [];
  for (const app of readdirSync(appsDirectory)) {
    const schema = path.join(appsDirectory, app, 'prisma', 'schema.prisma');
    if (!existsSync(schema)) continue;
    const marker = path.join(appsDirectory, app, 'src', 'generated', '.schema-hash');
    const expected = createHash('sha256').update(readFileSync(schema)).digest('hex');
    if (!existsSync(marker) || readFileSync(marker, 'utf8') !== expected)
      stale.push({ app, marker, expected });
  }
  if (stale.length === 0) return;

  console.log(`Generating Prisma clients: ${stale.map(({ app }) => app).join(', ')}`);
  const tsx = path.join(workspaceRoot, 'node_modules', '.bin', 'tsx');
  run(tsx, ['tools/database/database-cli.ts', 'generate', ...stale.map(({ app }) => app)]);
  for (const { marker, expected } of stale) writeFileSync(marker, expected);
}

/**
 * Runs a TypeScript entry point of the checkout in a Node process with the tsx module hook. A Ctrl-C
 * reaches it directly, as part of the terminal's process group.
 */
export function runTypeScript(entry, args, nodeFlags = []) {
  const result = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', entry, ...args], {
    cwd: workspaceRoot,
    stdio: 'inherit',
  });
  if (result.error) {
    console.error(`Failed to run ${entry}: ${result.error.message}`);
    process.exit(1);
  }
  process.exit(result.status ?? (result.signal ? 1 : 0));
}

/** Signals that ask a long-running command to stop; each is passed on to its child. */
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** Milliseconds between two checks of whether the parent process is still there. */
const PARENT_POLL_MS = 500;

/**
 * Runs a long-running TypeScript entry point like {@link runTypeScript}, but passes SIGINT, SIGTERM and
 * SIGHUP sent to this process on to the child, sends it SIGTERM when this process's parent exits, and
 * exits only once the child has exited, with its status.
 * A Ctrl-C in the terminal reaches the child twice (directly and passed on), so the child must treat a
 * repeated signal as the same stop request.
 */
export function runTypeScriptForwardingSignals(entry, args, nodeFlags = []) {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', entry, ...args], {
    cwd: workspaceRoot,
    stdio: 'inherit',
  });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  // npm runs this script through `sh -c`, and a SIGTERM to npm ends that shell without passing the
  // signal on, so a new parent process is the only sign that npm is gone.
  const parent = process.ppid;
  const parentWatch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(parentWatch);
    forward('SIGTERM');
  }, PARENT_POLL_MS);
  parentWatch.unref();
  child.once('error', (error) => {
    console.error(`Failed to run ${entry}: ${error.message}`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
