import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';

import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';

import { DecisionRecordedV1, EVENT_EXAMPLES, WorkUnlinkedV1 } from '@atlas/contracts';
import { natsUrl, startNats, stopNats } from '@atlas/local-stack';
import { ensureStream } from '@atlas/messaging';

import type { EventDefinition } from '@atlas/contracts';
import type { NatsInstance } from '@atlas/local-stack';

import { LOCAL_PUBLIC_SUBSCRIBER, localNatsAuthorization } from './nats-authorization';
import { publicConsumerName } from './nats-permissions';
import { auditPublicStream } from './published-payload-audit';

let directory: string;
let server: NatsInstance;
let services: NatsConnection;
let jsm: JetStreamManager;
const opened: NatsConnection[] = [];

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'atlas-public-nats-'));
  const preferredPort = 20_000 + Math.floor(Math.random() * 20_000);
  server = await startNats(directory, undefined, () => undefined, {
    preferredPort,
    preferredMonitorPort: preferredPort + 1,
    serverName: `public-events-test-${preferredPort}`,
    extraConfig: localNatsAuthorization(),
  });
  // Services connect without credentials, as they always have.
  services = await connect({ servers: natsUrl(server) });
  jsm = await jetstreamManager(services);
  await ensureStream(jsm, 'verification', { maxAgeSeconds: 3_600, duplicateWindowSeconds: 120 });
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((connection) => connection.close()));
  await jsm.streams.purge('VERIFICATION');
});

afterAll(async () => {
  await services?.close();
  if (server) await stopNats(server);
  rmSync(directory, { recursive: true, force: true });
});

function example(definition: EventDefinition): unknown {
  const found = EVENT_EXAMPLES.find((entry) => entry.definition.subject === definition.subject)!;
  return structuredClone(found.data);
}

async function publish(definition: EventDefinition, data: unknown): Promise<string> {
  const id = uuidv7();
  const envelope = {
    id,
    type: definition.type,
    version: definition.version,
    source: definition.service,
    time: new Date().toISOString(),
    entityId: id,
    entityVersion: 1,
    data,
  };
  const headers = natsHeaders();
  headers.set('Nats-Msg-Id', id);
  await jetstream(services).publish(definition.subject, JSON.stringify(envelope), { headers });
  return id;
}

async function connectAsPublic(): Promise<NatsConnection> {
  const connection = await connect({
    servers: natsUrl(server),
    user: LOCAL_PUBLIC_SUBSCRIBER.user,
    pass: LOCAL_PUBLIC_SUBSCRIBER.password,
  });
  opened.push(connection);
  return connection;
}

async function permissionErrorOf(
  connection: NatsConnection,
  action: () => Promise<unknown>,
): Promise<string> {
  const errors: string[] = [];
  void (async () => {
    for await (const status of connection.status())
      if (status.type === 'error') errors.push(String(status.error));
  })();
  await action().catch((error: unknown) => errors.push(String(error)));
  await connection.flush().catch((error: unknown) => errors.push(String(error)));
  await new Promise((resolve) => setTimeout(resolve, 200));
  return errors.join('\n');
}

describe('public subscriber user', () => {
  it('consumes a public event through its durable consumer', async () => {
    const eventId = await publish(WorkUnlinkedV1, example(WorkUnlinkedV1));
    const outside = await connectAsPublic();
    const durable = publicConsumerName(LOCAL_PUBLIC_SUBSCRIBER.user, WorkUnlinkedV1);
    await (
      await jetstreamManager(outside, { checkAPI: false })
    ).consumers.add('VERIFICATION', {
      durable_name: durable,
      filter_subject: WorkUnlinkedV1.subject,
      ack_policy: AckPolicy.Explicit,
    });

    const consumer = await jetstream(outside).consumers.get('VERIFICATION', durable);
    const message = await consumer.next({ expires: 2_000 });

    expect(message?.json<{ id: string }>().id).toBe(eventId);
    message?.ack();
  });

  it('is refused on an internal subject', async () => {
    const outside = await connectAsPublic();
    const subscription = outside.subscribe(DecisionRecordedV1.subject);

    const error = await permissionErrorOf(outside, async () => {
      for await (const message of subscription) return message;
    });

    expect(error).toMatch(/permission/i);
  });

  it('cannot create a consumer of an internal subject', async () => {
    const outside = await connectAsPublic();
    const manager = await jetstreamManager(outside, { checkAPI: false });
    const durable = publicConsumerName(LOCAL_PUBLIC_SUBSCRIBER.user, WorkUnlinkedV1);

    const creation = manager.consumers.add('VERIFICATION', {
      durable_name: durable,
      filter_subject: DecisionRecordedV1.subject,
      ack_policy: AckPolicy.Explicit,
    });

    await expect(creation).rejects.toThrow();
  });
});

describe('published payload audit', () => {
  it('accepts valid public payloads', async () => {
    await publish(WorkUnlinkedV1, example(WorkUnlinkedV1));

    expect(await auditPublicStream(jsm, 'VERIFICATION')).toEqual([]);
  });

  it('reports a payload outside its schema or carrying private data', async () => {
    const data = { ...(example(WorkUnlinkedV1) as object), notes: 'private note' };
    await publish(WorkUnlinkedV1, data);
    await publish(WorkUnlinkedV1, { workId: 'not-a-uuid' });

    const problems = (await auditPublicStream(jsm, 'VERIFICATION')).map((entry) => entry.problem);

    expect(problems).toContain('private property at /data/notes');
    expect(problems.some((problem) => problem.startsWith('invalid at /workId'))).toBe(true);
  });
});
