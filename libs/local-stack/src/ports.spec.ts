import net from 'node:net';

import { canConnect, isPortFree, pickPort } from './ports';

describe('ports', () => {
  let server: net.Server;
  let takenPort: number;

  beforeAll(async () => {
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
    takenPort = (server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reports a listening port as taken', async () => {
    expect(await isPortFree(takenPort)).toBe(false);
    expect(await canConnect(takenPort)).toBe(true);
  });

  it('picks another port when the preferred one is taken', async () => {
    const picked = await pickPort(takenPort);
    expect(picked).not.toBe(takenPort);
    expect(await isPortFree(picked)).toBe(true);
  });
});
