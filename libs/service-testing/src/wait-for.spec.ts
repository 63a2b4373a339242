import net from 'node:net';

import { closedPort } from './closed-port';
import { waitFor } from './wait-for';

describe('closedPort', () => {
  it('returns a port that refuses connections', async () => {
    const port = await closedPort();
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });

    expect(refused).toBe(true);
  });
});

describe('waitFor', () => {
  it('resolves once the probe succeeds', async () => {
    let calls = 0;
    await waitFor(async () => ++calls === 3, 'the third call');

    expect(calls).toBe(3);
  });

  it('fails with the description after the timeout', async () => {
    await expect(waitFor(async () => false, 'nothing', 150)).rejects.toThrow(
      'Timed out after 150 ms waiting for nothing',
    );
  });
});
