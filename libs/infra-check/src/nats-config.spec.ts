import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';

import { connect } from '@nats-io/transport-node';

import { PUBLIC_EVENTS, findEventBySubject } from '@atlas/contracts';
import { pickPort, waitForPort } from '@atlas/local-stack';

import { localNatsConfig, passwordVariables, readExternalSubjects, readNatsConfig } from './nats-config';
import { NATS_SERVER, ensureTool, runTool } from './tools';

import type { ChildProcess } from 'node:child_process';
import type { NatsConnection } from '@nats-io/nats-core';

const config = readNatsConfig();
const publicSubjects = PUBLIC_EVENTS.map((definition) => definition.subject).sort();

describe('the NATS configuration', () => {
  it('opens exactly the public subjects', () => {
    const subjects = readExternalSubjects(config);

    expect([...subjects.exported].sort()).toEqual(publicSubjects);
    expect([...subjects.imported].sort()).toEqual(publicSubjects);
    expect([...subjects.subscribable].sort()).toEqual(publicSubjects);
  });

  it('reads every password from the environment', () => {
    expect(passwordVariables(config).sort()).toEqual([
      'NATS_EXTERNAL_PASSWORD',
      'NATS_GATEWAY_PASSWORD',
      'NATS_INGEST_PASSWORD',
      'NATS_MATCHING_PASSWORD',
      'NATS_NOTIFICATION_PASSWORD',
      'NATS_SYSTEM_PASSWORD',
      'NATS_VERIFICATION_PASSWORD',
    ]);
  });
});

describe('a nats-server running the configuration', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'atlas-nats-config-'));
  const passwords = Object.fromEntries(
    // nats-server parses a variable's value like a configuration value, so a password that starts
    // with a digit would be read as a number: the runbook requires a leading letter.
    passwordVariables(config).map((name) => [name, `n${randomBytes(24).toString('base64url')}`]),
  );
  let server: ChildProcess | undefined;
  let url: string;
  const connections: NatsConnection[] = [];

  const login = async (user: string, pass: string): Promise<NatsConnection> => {
    const nc = await connect({ servers: url, user, pass, reconnect: false });
    connections.push(nc);
    return nc;
  };

  beforeAll(async () => {
    const executable = ensureTool(NATS_SERVER);
    const port = await pickPort(24222);
    const monitorPort = await pickPort(28222);
    const file = path.join(directory, 'nats.conf');
    writeFileSync(file, localNatsConfig(config, { port, monitorPort, directory }));
    const env = { ...process.env, ...passwords, SERVER_NAME: 'atlas-config-check' };

    runTool(executable, ['-t', '-c', file], { env });
    server = spawn(executable, ['-c', file], { env, stdio: 'ignore' });
    url = `nats://127.0.0.1:${port}`;
    await waitForPort(port);
  });

  afterAll(async () => {
    await Promise.allSettled(connections.map((nc) => nc.close()));
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    rmSync(directory, { recursive: true, force: true });
  });

  it('delivers public events to outside subscribers only', async () => {
    const verification = await login('verification', passwords['NATS_VERIFICATION_PASSWORD']!);
    const external = await login('external', passwords['NATS_EXTERNAL_PASSWORD']!);
    const received: string[] = [];
    const refused: string[] = [];
    const publicSubject = publicSubjects[0]!;
    const privateSubject = 'atlas.verification.decision.recorded.v1';
    expect(findEventBySubject(privateSubject)?.public).toBe(false);

    external.subscribe(publicSubject, {
      callback: (_error, message) => {
        received.push(message.subject);
      },
    });
    external.subscribe(privateSubject, {
      callback: (error, message) => {
        if (error) refused.push(error.message);
        else received.push(message.subject);
      },
    });
    await external.flush();
    verification.publish(publicSubject, '{}');
    verification.publish(privateSubject, '{}');
    await verification.flush();
    await external.flush();

    expect(received).toEqual([publicSubject]);
    expect(refused).toEqual([expect.stringContaining('Permissions Violation')]);
  });

  it('authenticates each service user', async () => {
    for (const service of ['gateway', 'ingest', 'matching', 'verification', 'notification']) {
      const nc = await login(service, passwords[`NATS_${service.toUpperCase()}_PASSWORD`]!);
      await expect(nc.flush()).resolves.toBeUndefined();
    }
    await expect(login('ingest', 'not-the-password')).rejects.toThrow(/Authorization Violation/);
  });
});
