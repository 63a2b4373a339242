import net from 'node:net';

/**
 * A loopback TCP proxy standing in for CloudNativePG's read-write service: clients connect to one
 * port, and `repoint` sends new connections to another server and closes the open ones, as the
 * service's endpoint moving to a promoted standby does.
 */
export class TcpProxy {
  private readonly sockets = new Set<net.Socket>();
  private target: number;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    target: number,
  ) {
    this.target = target;
  }

  /** Listens on a free loopback port and forwards to `targetPort`. */
  static async start(targetPort: number): Promise<TcpProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: 0, host: '127.0.0.1' }, () => resolve());
    });
    const address = server.address() as net.AddressInfo;
    const proxy = new TcpProxy(server, address.port, targetPort);
    server.on('connection', (client) => proxy.forward(client));
    return proxy;
  }

  /** Sends new connections to `targetPort` and closes every open one. */
  repoint(targetPort: number): void {
    this.target = targetPort;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: net.Socket): void {
    const upstream = net.connect({ port: this.target, host: '127.0.0.1' });
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      // A reset on one side ends both; the error itself reaches the client as a closed connection.
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  }
}
