import http from 'node:http';

/** Milliseconds a closed stream waits before it connects again, as EventSource does by default. */
const RECONNECT_MS = 1_000;

/**
 * A server-sent-events client that behaves like a browser's EventSource: when the stream ends or
 * fails, it connects again with the last event id it saw in `Last-Event-ID`. It keeps every event
 * id it received and counts its connections.
 */
export class ReconnectingEventStream {
  readonly receivedIds = new Set<string>();
  connections = 0;
  /** HTTP status of each connection attempt, by status (0 when no response came). */
  readonly statuses: Record<number, number> = {};
  private lastEventId: string | undefined;
  private request: http.ClientRequest | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
  ) {}

  /** Opens the stream and resolves once the first response has arrived. */
  open(): Promise<number> {
    return new Promise((resolve) => this.connect(resolve));
  }

  close(): void {
    this.closed = true;
    this.request?.destroy();
  }

  private connect(onResponse?: (status: number) => void): void {
    if (this.closed) return;
    const headers: Record<string, string> = { accept: 'text/event-stream', ...this.headers };
    if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
    let reconnecting = false;
    const reconnect = () => {
      if (reconnecting || this.closed) return;
      reconnecting = true;
      setTimeout(() => this.connect(), RECONNECT_MS);
    };
    // Node's global agent times out a socket idle for 5 s, which would end a quiet stream between heartbeats.
    const request = http.get(this.url, { headers, agent: false }, (response) => {
      const status = response.statusCode ?? 0;
      this.statuses[status] = (this.statuses[status] ?? 0) + 1;
      onResponse?.(status);
      if (status === 200) this.connections += 1;
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        pending += chunk;
        let end = pending.indexOf('\n\n');
        while (end !== -1) {
          this.readBlock(pending.slice(0, end));
          pending = pending.slice(end + 2);
          end = pending.indexOf('\n\n');
        }
      });
      response.on('end', reconnect);
      response.on('error', reconnect);
    });
    request.on('error', () => {
      this.statuses[0] = (this.statuses[0] ?? 0) + 1;
      onResponse?.(0);
      reconnect();
    });
    this.request = request;
  }

  private readBlock(block: string): void {
    for (const line of block.split('\n')) {
      if (!line.startsWith('id:')) continue;
      const id = line.slice(3).trim();
      this.receivedIds.add(id);
      this.lastEventId = id;
    }
  }
}
