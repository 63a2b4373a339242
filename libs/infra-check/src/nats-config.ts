import { readFileSync } from 'node:fs';
import path from 'node:path';

import { WORKSPACE_ROOT } from './render';

/** The nats-server configuration the StatefulSet mounts. */
export const NATS_CONFIG_FILE = path.join(WORKSPACE_ROOT, 'infra', 'k8s', 'base', 'nats', 'nats.conf');

/** The subjects the configuration opens to outside subscribers, read from each place it lists them. */
export interface ExternalSubjects {
  /** Streams the ATLAS account exports. */
  exported: string[];
  /** Streams the EXTERNAL account imports. */
  imported: string[];
  /** Subjects the external user may subscribe to. */
  subscribable: string[];
}

function block(text: string, opening: RegExp): string {
  const start = text.search(opening);
  if (start < 0) throw new Error(`No block matching ${opening} in the NATS configuration.`);
  const close = text.indexOf(']', start);
  return text.slice(start, close);
}

/** Reads the exported, imported and subscribable subjects from a nats-server configuration text. */
export function readExternalSubjects(config: string): ExternalSubjects {
  const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1] ?? '');
  return {
    exported: all(block(config, /exports:\s*\[/), /\{\s*stream:\s*([\w.>*-]+)\s*\}/g),
    imported: all(block(config, /imports:\s*\[/), /subject:\s*([\w.>*-]+)\s*\}/g),
    subscribable: all(block(config, /subscribe:\s*\{\s*allow:\s*\[/), /^\s*([\w.>*-]+)\s*$/gm),
  };
}

/** Options of `localNatsConfig`. */
export interface LocalNatsConfigOptions {
  port: number;
  monitorPort: number;
  directory: string;
}

/**
 * Adapts the cluster configuration to a single test server on loopback, with its own ports,
 * JetStream store and pid file and no routes. Accounts, users and permissions stay as written.
 */
export function localNatsConfig(config: string, options: LocalNatsConfigOptions): string {
  const withoutCluster = config.replace(/^cluster \{[\s\S]*?^\}\n/m, '');
  return [
    `listen: 127.0.0.1:${options.port}`,
    withoutCluster
      .replace(/^port: \d+$/m, '')
      .replace(/^http_port: \d+$/m, `http: 127.0.0.1:${options.monitorPort}`)
      .replace(/^pid_file: .*$/m, `pid_file: ${path.join(options.directory, 'nats.pid')}`)
      .replace(/store_dir: .*$/m, `store_dir: ${path.join(options.directory, 'jetstream')}`),
  ].join('\n');
}

/** Reads the configuration file the StatefulSet mounts. */
export function readNatsConfig(): string {
  return readFileSync(NATS_CONFIG_FILE, 'utf8');
}

/** Names of the environment variables the configuration reads passwords from. */
export function passwordVariables(config: string): string[] {
  return [...new Set([...config.matchAll(/password:\s*\$(\w+)/g)].map((match) => match[1] ?? ''))];
}
