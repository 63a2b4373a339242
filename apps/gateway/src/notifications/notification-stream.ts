import type { Logger } from 'pino';

import type { NotificationFeed } from './notification-feed';
import type { SseWriter, StreamedNotification } from './sse-writer';

/** Fetches the notifications created after an id, oldest first, page by page. */
export type ReplaySource = (afterId: string) => Promise<{ items: StreamedNotification[]; complete: boolean }>;

/** Ids remembered to drop duplicates; the fan-out may publish a notification twice after a failure. */
const REMEMBERED_IDS = 1_000;

/**
 * One client's notification stream. It subscribes to the profile's channel first and buffers what
 * arrives, replays from the notification service what the client missed after its Last-Event-ID,
 * then sends the buffer and goes live. Duplicates are dropped by id rather than by "id ≤ last
 * replayed": ids are ordered by creation, but two notifications may commit in the other order.
 */
export class NotificationStream {
  private readonly sent = new Set<string>();
  private buffer: StreamedNotification[] | undefined = [];
  private closed = false;
  private stopListening: (() => Promise<void>) | undefined;

  constructor(
    private readonly writer: SseWriter,
    private readonly log: Logger,
  ) {}

  /** Subscribes, replays and goes live; the stream is open when this resolves. */
  async start(
    feed: NotificationFeed,
    profileId: string,
    lastEventId: string | undefined,
    replay: ReplaySource,
  ) {
    this.stopListening = await feed.listen(profileId, (message) => this.receive(message));
    if (lastEventId) await this.replayAfter(lastEventId, replay);
    const buffered = this.buffer ?? [];
    this.buffer = undefined;
    for (const notification of buffered) this.send(notification);
  }

  /** Stops listening; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stopListening?.();
  }

  private async replayAfter(lastEventId: string, replay: ReplaySource): Promise<void> {
    let after = lastEventId;
    for (;;) {
      if (this.closed) return;
      const page = await replay(after);
      for (const notification of page.items) this.send(notification);
      const last = page.items.at(-1);
      if (page.complete || !last) return;
      after = last.id;
    }
  }

  private receive(message: string): void {
    let notification: StreamedNotification;
    try {
      notification = { read: false, ...(JSON.parse(message) as StreamedNotification) };
    } catch (error) {
      this.log.warn({ err: error }, 'Invalid notification message on Redis ignored');
      return;
    }
    if (this.buffer) this.buffer.push(notification);
    else this.send(notification);
  }

  private send(notification: StreamedNotification): void {
    if (this.closed || this.sent.has(notification.id)) return;
    this.sent.add(notification.id);
    if (this.sent.size > REMEMBERED_IDS) this.sent.delete(this.sent.values().next().value as string);
    this.writer.notification(notification);
  }
}
