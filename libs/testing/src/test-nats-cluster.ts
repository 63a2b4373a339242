import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { ChildProcess } from 'node:child_process';

import { findWorkspaceRoot, freePort, waitForPort } from '@atlas/local-stack';

/** Debian installs nats-server under /usr/sbin, which is not on every user's PATH. */
const NATS_SERVER = existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server';

/** Users of the local nats-server, generated from the public event contracts. */
const LOCAL_AUTHORIZATION = 'infra/nats/local/authorization.conf';

interface ClusterNode {
  name: string;
  port: number;
  monitorPort: number;
  configFile: string;
  logFile: string;
  process?: ChildProcess;
  exited?: Promise<void>;
}

/**
 * Three Debian nats-server processes with JetStream, joined by cluster routes on loopback, each with
 * its own store folder. A node can be killed and started again with the same name, ports and store.
 */
export class NatsCluster {
  private constructor(private readonly nodes: ClusterNode[]) {}

  /** Writes the three configurations under `directory` and starts the nodes. */
  static async start(directory: string): Promise<NatsCluster> {
    const authorizationFile = path.join(findWorkspaceRoot(), LOCAL_AUTHORIZATION);
    const authorization = existsSync(authorizationFile) ? readFileSync(authorizationFile, 'utf8') : '';
    const names = ['n1', 'n2', 'n3'];
    const routePorts = [await freePort(), await freePort(), await freePort()];
    const routes = routePorts.map((port) => `"nats-route://127.0.0.1:${port}"`).join(', ');
    const nodes: ClusterNode[] = [];
    for (const [index, name] of names.entries()) {
      const nodeDirectory = path.join(directory, name);
      mkdirSync(path.join(nodeDirectory, 'jetstream'), { recursive: true });
      const node: ClusterNode = {
        name,
        port: await freePort(),
        monitorPort: await freePort(),
        configFile: path.join(nodeDirectory, 'nats-server.conf'),
        logFile: path.join(nodeDirectory, 'nats-server.log'),
      };
      const config = [
        `server_name: "${name}"`,
        `listen: "127.0.0.1:${node.port}"`,
        `http: "127.0.0.1:${node.monitorPort}"`,
        'max_payload: 1MB',
        'jetstream {',
        `  store_dir: ${JSON.stringify(path.join(nodeDirectory, 'jetstream'))}`,
        '  max_memory_store: 256MB',
        '  max_file_store: 8GB',
        '}',
        'cluster {',
        '  name: "atlas-reliability"',
        `  listen: "127.0.0.1:${routePorts[index]}"`,
        `  routes: [${routes}]`,
        '}',
        authorization,
      ].join('\n');
      writeFileSync(node.configFile, config);
      nodes.push(node);
    }
    const cluster = new NatsCluster(nodes);
    for (const node of nodes) cluster.spawn(node);
    await cluster.waitUntilHealthy();
    return cluster;
  }

  /** Client URLs of the three nodes, comma-separated, as NATS_URL takes them. */
  get url(): string {
    return this.nodes.map((node) => `nats://127.0.0.1:${node.port}`).join(',');
  }

  /** Kills a node by server name with SIGKILL and waits until its process has exited. */
  async kill(name: string): Promise<void> {
    const node = this.node(name);
    node.process?.kill('SIGKILL');
    await node.exited;
    node.process = undefined;
  }

  /** Starts a killed node again and waits until every node reports JetStream healthy. */
  async restart(name: string): Promise<void> {
    this.spawn(this.node(name));
    await this.waitUntilHealthy();
  }

  /** Stops every node with SIGTERM, which makes nats-server flush its JetStream store. */
  async stop(): Promise<void> {
    for (const node of this.nodes) node.process?.kill('SIGTERM');
    await Promise.all(this.nodes.map((node) => node.exited ?? Promise.resolve()));
  }

  /** Waits until `/healthz?js-enabled-only=true` returns 200 on every running node. */
  async waitUntilHealthy(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const node of this.nodes) {
      await waitForPort(node.port, '127.0.0.1', timeoutMs);
      for (;;) {
        const url = `http://127.0.0.1:${node.monitorPort}/healthz`;
        const status = await fetch(url).then(
          (response) => response.status,
          () => 0,
        );
        if (status === 200) break;
        if (Date.now() > deadline)
          throw new Error(`NATS node ${node.name} was not healthy within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  private node(name: string): ClusterNode {
    const node = this.nodes.find((candidate) => candidate.name === name);
    if (!node) throw new Error(`No NATS node is named ${name}; the nodes are n1, n2 and n3`);
    return node;
  }

  private spawn(node: ClusterNode): void {
    const log = openSync(node.logFile, 'a');
    const child = spawn(NATS_SERVER, ['-c', node.configFile], { stdio: ['ignore', log, log] });
    closeSync(log);
    node.process = child;
    node.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }
}
