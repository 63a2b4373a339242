import type { ServerResponse } from 'node:http';

/** A notification as the stream sends it: the contract's notification shape. */
export interface StreamedNotification {
  id: string;
  [field: string]: unknown;
}

/** Writes server-sent events on a hijacked response. */
export class SseWriter {
  constructor(private readonly response: ServerResponse) {}

  /** Sends the status line and headers that open an event stream. */
  open(retryMs: number): void {
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Stops reverse proxies such as nginx from buffering the stream.
      'x-accel-buffering': 'no',
    });
    this.response.write(`retry: ${retryMs}\n\n`);
  }

  /** Sends one notification; its id becomes the client's Last-Event-ID. */
  notification(notification: StreamedNotification): void {
    this.response.write(
      `id: ${notification.id}\nevent: notification\ndata: ${JSON.stringify(notification)}\n\n`,
    );
  }

  /** Sends a comment line that keeps proxies and the client from closing an idle stream. */
  heartbeat(): void {
    this.response.write(': heartbeat\n\n');
  }

  /** Ends the stream. */
  end(): void {
    if (!this.response.writableEnded) this.response.end();
  }
}
