import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ChildProcess } from 'node:child_process';

import { SERVICE_NAMES, servicePrefix } from '@atlas/config';
import type { ServiceName } from '@atlas/config';
import { findWorkspaceRoot } from '@atlas/local-stack';

import { freePort } from '@atlas/local-stack';

/** Milliseconds a service may take to report ready after a start or a restart. */
const READY_TIMEOUT_MS = 120_000;
/** Milliseconds a service gets to stop on SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 15_000;

interface RunningProcess {
  child: ChildProcess;
  exited: Promise<void>;
}

/**
 * The five services, each its own Node.js process started as `npm start` starts it, with output in a
 * log file per service. Ports stay the same across restarts, so clients reconnect to the same address.
 */
export class ServiceFleet {
  private readonly root = findWorkspaceRoot();
  private readonly ports = new Map<ServiceName, number>();
  private readonly processes = new Map<ServiceName, RunningProcess>();

  constructor(
    private readonly env: Record<string, string>,
    private readonly logDirectory: string,
    private readonly extraEnv: Partial<Record<ServiceName, Record<string, string>>> = {},
  ) {}

  /** Starts every service (or those named) and waits until each reports ready. */
  async start(names: readonly ServiceName[] = SERVICE_NAMES): Promise<void> {
    for (const name of names) await this.spawn(name);
    await Promise.all(names.map((name) => this.waitUntilReady(name)));
  }

  /** Base URL of a running service. */
  url(name: ServiceName): string {
    const port = this.ports.get(name);
    if (port === undefined) throw new Error(`${name} has not been started`);
    return `http://127.0.0.1:${port}`;
  }

  pid(name: ServiceName): number | undefined {
    return this.processes.get(name)?.child.pid;
  }

  /** Sends a signal to a service and waits until its process has exited. */
  async kill(name: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const running = this.processes.get(name);
    if (!running) return;
    running.child.kill(signal);
    await running.exited;
    this.processes.delete(name);
  }

  /** Starts a stopped service again on its port and waits until it is ready. */
  async restart(name: ServiceName): Promise<void> {
    await this.spawn(name);
    await this.waitUntilReady(name);
  }

  /** Resident set size of a service's process in MiB, from /proc; undefined when it is not running. */
  rssMb(name: ServiceName): number | undefined {
    const pid = this.pid(name);
    if (pid === undefined) return undefined;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
      return match ? Number(match[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stops every running service with SIGTERM, killing those still running after the stop timeout. */
  async stop(): Promise<void> {
    const running = [...this.processes.entries()];
    for (const [, process] of running) process.child.kill('SIGTERM');
    const killer = setTimeout(() => {
      for (const [, process] of running) if (process.child.exitCode === null) process.child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    await Promise.all(running.map(([, process]) => process.exited));
    clearTimeout(killer);
    this.processes.clear();
  }

  private async spawn(name: ServiceName): Promise<void> {
    if (this.processes.has(name)) throw new Error(`${name} is already running`);
    let port = this.ports.get(name);
    if (port === undefined) {
      port = await freePort();
      this.ports.set(name, port);
    }
    const logFile = openSync(path.join(this.logDirectory, `${name}.log`), 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('apps', name, 'src', 'main.ts')], {
      cwd: this.root,
      env: {
        ...process.env,
        ...this.env,
        ...this.extraEnv[name],
        [`${servicePrefix(name)}_PORT`]: String(port),
      },
      stdio: ['ignore', logFile, logFile],
    });
    closeSync(logFile);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.processes.set(name, { child, exited });
  }

  private async waitUntilReady(name: ServiceName): Promise<void> {
    const url = `${this.url(name)}/health/ready`;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const running = this.processes.get(name);
      if (!running || running.child.exitCode !== null) {
        throw new Error(`${name} exited before it was ready; see ${this.logDirectory}/${name}.log`);
      }
      const status = await fetch(url).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(
      `${name} was not ready within ${READY_TIMEOUT_MS} ms; see ${this.logDirectory}/${name}.log`,
    );
  }
}
