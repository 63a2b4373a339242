import http from 'node:http';

/** One server-sent event as a client sees it. */
export interface ReceivedEvent {
  id?: string;
  event?: string;
  data: string;
}

/** An open server-sent-events connection that collects every event. */
export interface SseConnection {
  status: number;
  events: ReceivedEvent[];
  comments: number;
  /** Waits until at least `count` events arrived. */
  waitForEvents(count: number, timeoutMs?: number): Promise<ReceivedEvent[]>;
  close(): void;
}

function parseBlock(block: string): ReceivedEvent | 'comment' | undefined {
  const event: ReceivedEvent = { data: '' };
  let isEvent = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const separator = line.indexOf(':');
    const field = separator === -1 ? line : line.slice(0, separator);
    const value = separator === -1 ? '' : line.slice(separator + 1).replace(/^ /, '');
    if (field === 'id') event.id = value;
    if (field === 'event') event.event = value;
    if (field === 'data') event.data += value;
    if (field === 'id' || field === 'event' || field === 'data') isEvent = true;
  }
  if (isEvent) return event;
  return block.startsWith(':') ? 'comment' : undefined;
}

/** Opens a real HTTP connection to an event stream and parses what arrives. */
export function openSse(url: string, headers: Record<string, string>): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const connection: SseConnection = {
        status: response.statusCode ?? 0,
        events: [],
        comments: 0,
        waitForEvents: async (count, timeoutMs = 10_000) => {
          const deadline = Date.now() + timeoutMs;
          while (connection.events.length < count) {
            if (Date.now() > deadline)
              throw new Error(`Timed out waiting for ${count} events; got ${connection.events.length}`);
            await new Promise((done) => setTimeout(done, 20));
          }
          return connection.events;
        },
        close: () => request.destroy(),
      };
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        pending += chunk;
        let end = pending.indexOf('\n\n');
        while (end !== -1) {
          const parsed = parseBlock(pending.slice(0, end));
          pending = pending.slice(end + 2);
          if (parsed === 'comment') connection.comments += 1;
          else if (parsed) connection.events.push(parsed);
          end = pending.indexOf('\n\n');
        }
      });
      response.on('error', () => undefined);
      resolve(connection);
    });
    request.on('error', reject);
  });
}
