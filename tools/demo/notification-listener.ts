import type { GatewaySession } from './gateway-session';

/** A notification received over the stream. */
export interface StreamedNotification {
  id: string;
  type: string;
  title: string;
  [field: string]: unknown;
}

/** Parses the `notification` events of a server-sent-events text; returns them and the unparsed rest. */
export function parseNotificationEvents(text: string): { events: StreamedNotification[]; rest: string } {
  const blocks = text.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: StreamedNotification[] = [];
  for (const block of blocks) {
    const lines = block.split('\n');
    const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length);
    const data = lines
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice('data: '.length))
      .join('\n');
    if (event === 'notification' && data) events.push(JSON.parse(data) as StreamedNotification);
  }
  return { events, rest };
}

/** The open `GET /notifications/stream` of a session, collecting what it receives. */
export class NotificationListener {
  readonly received: StreamedNotification[] = [];
  private reading?: Promise<void>;

  private constructor(
    readonly contentType: string,
    private readonly abort: AbortController,
  ) {}

  /** Opens the stream; throws unless the gateway answers 200 with an event stream. */
  static async open(session: GatewaySession): Promise<NotificationListener> {
    const url = new URL('/notifications/stream', session.baseUrl);
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { cookie: session.jar.header(url), accept: 'text/event-stream' },
      signal: abort.signal,
    });
    const contentType = response.headers.get('content-type') ?? '';
    if (response.status !== 200 || !contentType.startsWith('text/event-stream') || !response.body) {
      abort.abort();
      throw new Error(`GET /notifications/stream returned ${response.status} ${contentType}`);
    }
    const listener = new NotificationListener(contentType, abort);
    listener.reading = listener.read(response.body);
    return listener;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of body) {
        buffered += decoder.decode(chunk, { stream: true });
        const { events, rest } = parseNotificationEvents(buffered);
        this.received.push(...events);
        buffered = rest;
      }
    } catch (error) {
      if (!this.abort.signal.aborted) throw error;
    }
  }

  /** Waits until a notification matching `predicate` has arrived, or throws after `timeoutMs`. */
  async waitFor(predicate: (notification: StreamedNotification) => boolean, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.received.find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`No matching notification arrived over the stream within ${timeoutMs} ms`);
  }

  /** Closes the stream. */
  async close(): Promise<void> {
    this.abort.abort();
    await this.reading?.catch(() => undefined);
  }
}
