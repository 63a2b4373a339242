import { createServer } from '../server/create-server';
import { natsPlugin } from './nats.plugin';
import { postgresPlugin } from './postgres.plugin';
import { redisPlugin } from './redis.plugin';

import type { AtlasServer } from '../server/create-server';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; the Jest global setup exports it from the local stack`);
  return value;
}

describe('resource plugins', () => {
  let server: AtlasServer;

  beforeEach(async () => {
    server = await createServer({ serviceName: 'ingest', logLevel: 'silent' });
    await server.register(postgresPlugin, {
      connectionString: requiredEnv('DATABASE_URL'),
      applicationName: 'atlas-test',
    });
    await server.register(natsPlugin, { servers: requiredEnv('NATS_URL'), name: 'atlas-test' });
    await server.register(redisPlugin, { url: requiredEnv('REDIS_URL'), connectionName: 'atlas-test' });
    await server.ready();
  });

  afterEach(() => server.close());

  it('queries PostgreSQL', async () => {
    const result = await server.pg.query<{ answer: number }>('SELECT 41 + 1 AS answer');

    expect(result.rows[0]?.answer).toBe(42);
  });

  it('survives losing a checked-out PostgreSQL connection', async () => {
    const client = await server.pg.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');

    // Without a listener on the client, the lost connection's error event would end the process.
    const terminated = await server.pg.query<{ done: boolean }>('SELECT pg_terminate_backend($1) AS done', [
      rows[0]!.pid,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const failed = await client.query('SELECT 1').then(
      () => undefined,
      (error: Error) => error,
    );
    client.release(true);

    expect(terminated.rows[0]?.done).toBe(true);
    expect(failed).toBeInstanceOf(Error);
    expect((await server.pg.query<{ answer: number }>('SELECT 1 AS answer')).rows[0]?.answer).toBe(1);
  });

  it('round-trips a NATS message', async () => {
    const nc = await server.natsConnected();
    const subject = `atlas.test.${process.pid}.${Date.now()}`;
    const subscription = nc.subscribe(subject, { max: 1 });
    nc.publish(subject, 'hello');

    for await (const message of subscription) expect(message.string()).toBe('hello');
  });

  it('talks to Redis once connected', async () => {
    const nc = await server.natsConnected();
    await nc.flush();
    await new Promise<void>((resolve) =>
      server.redis.status === 'ready' ? resolve() : server.redis.once('ready', resolve),
    );
    const key = `atlas:test:${process.pid}`;

    await server.redis.set(key, 'value', 'EX', 10);

    expect(await server.redis.get(key)).toBe('value');
  });

  it('closes every connection, twice safely', async () => {
    const nc = await server.natsConnected();

    await server.close();
    await server.close();

    expect(nc.isClosed()).toBe(true);
    expect(server.pg.ended).toBe(true);
    expect(server.redis.status).toBe('end');
  });

  it('throws when NATS is used before connecting', async () => {
    const lonely = await createServer({ serviceName: 'ingest', logLevel: 'silent' });
    await lonely.register(natsPlugin, { servers: 'nats://127.0.0.1:1', name: 'atlas-test' });
    await lonely.ready();

    expect(() => lonely.nats).toThrow('NATS is not connected yet');
    const rejection = expect(lonely.natsConnected()).rejects.toThrow('NATS connector is closed');
    await lonely.close();
    await rejection;
  });
});
