import pino from 'pino';

import { startTestNats } from '@atlas/testing';
import type { TestNats } from '@atlas/testing';

import { MessagingError, connectNats } from '../src';

import { captureLogs } from './test-events';

const USER = { user: 'atlas-test', password: 'nats-password-for-this-test-only' };
const WRONG = { user: 'atlas-test', password: 'a-wrong-nats-password' };

let nats: TestNats;

beforeAll(async () => {
  nats = await startTestNats({ users: [USER] });
});

afterAll(async () => {
  await nats?.stop();
});

/** Runs `connectNats` expecting it to fail, and returns the error and how pino writes it. */
async function failedConnect(url: string): Promise<{ error: MessagingError; logged: string }> {
  const error = await connectNats({ url, name: 'connection-test', log: pino({ level: 'silent' }) }).then(
    () => {
      throw new Error(`connectNats to ${url} succeeded but should have failed`);
    },
    (caught: unknown) => caught as MessagingError,
  );
  const captured = captureLogs();
  captured.log.error({ err: error }, 'NATS connection failed');
  return { error, logged: JSON.stringify(captured.lines()) };
}

describe('connectNats', () => {
  it('connects with credentials from the URL', async () => {
    const connection = await connectNats({
      url: nats.urlFor(USER),
      name: 'connection-test',
      log: pino({ level: 'silent' }),
    });

    expect(connection.nc.isClosed()).toBe(false);
    await connection.close();
  });

  it('masks a wrong password in the error', async () => {
    const { error, logged } = await failedConnect(nats.urlFor(WRONG));

    expect(error).toBeInstanceOf(MessagingError);
    expect(error.code).toBe('MESSAGING_ERR_CONNECTION_FAILED');
    expect(error.message).toContain(`nats://${WRONG.user}:***@127.0.0.1:`);
    expect(logged).toContain('***');
    expect(logged).not.toContain(WRONG.password);
  });

  it('masks every password of a server list', async () => {
    const port = new URL(nats.url).port;
    const list = `nats://a:first-secret@127.0.0.1:${port},nats://b:second-secret@127.0.0.1:${port}`;
    const { error, logged } = await failedConnect(list);

    expect(error.message).toContain('nats://a:***@');
    expect(error.message).toContain('nats://b:***@');
    expect(logged).not.toContain('first-secret');
    expect(logged).not.toContain('second-secret');
  });

  it('masks the password of an unparseable URL', async () => {
    const { error, logged } = await failedConnect('nats://atlas-test:not-parsed-secret@127.0.0.1:port');

    expect(error.message).toContain('nats://atlas-test:***@127.0.0.1:port');
    expect(logged).not.toContain('not-parsed-secret');
  });
});
