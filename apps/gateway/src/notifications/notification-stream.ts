import type { Logger } from 'pino';

import type { NotificationFeed } from './notification-feed';
import type { SseWriter, StreamedNotification } from './sse-writer';

/** Fetches the notifications created after an id, oldest first, page by page. */
export type ReplaySource = (afterId: string) => Promise<{ items: StreamedNotification[]; complete: boolean }>;

/** Ids remembered to drop duplicates; the fan-out may publish a notification twice after a failure. */
const REMEMBERED_IDS = 1_000;

/** Returns the smallest UUIDv7 of a millisecond: every notification id created from then on sorts after it. */
export function uuidV7Floor(epochMs: number): string {
  const hex = epochMs.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

/**
 * One client's notification stream. It subscribes to the profile's channel first and buffers what
 * arrives, replays from the notification service what the client missed after its Last-Event-ID,
 * then sends the buffer and goes live. Duplicates are dropped by id rather than by "id ≤ last
 * replayed": ids are ordered by creation, but two notifications may commit in the other order.
 * When the feed reports a gap (Redis was lost and is back), the stream replays again after the
 * newest id it sent, or after its own opening time. If that fails it calls `onBroken`, so that the
 * client reconnects with its Last-Event-ID.
 */
export class NotificationStream {
  private readonly sent = new Set<string>();
  private buffer: StreamedNotification[] | undefined = [];
  private closed = false;
  private stopListening: (() => Promise<void>) | undefined;
  /** Start of a replay after a gap: the newest id sent, else the id the client gave, else the opening time. */
  private replayAnchor: string;
  private gapFill: Promise<void> | undefined;
  private gapPending = false;

  constructor(
    private readonly writer: SseWriter,
    private readonly log: Logger,
    openedAt = Date.now(),
  ) {
    this.replayAnchor = uuidV7Floor(openedAt);
  }

  /** Subscribes, replays and goes live; the stream is open when this resolves. */
  async start(
    feed: NotificationFeed,
    profileId: string,
    lastEventId: string | undefined,
    replay: ReplaySource,
    onBroken: () => void = () => undefined,
  ) {
    if (lastEventId) this.replayAnchor = lastEventId;
    this.stopListening = await feed.listen(
      profileId,
      (message) => this.receive(message),
      () => this.fillGap(replay, onBroken),
    );
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

  /** Replays what was missed after the anchor; a gap reported while one is being filled runs once more after it. */
  private fillGap(replay: ReplaySource, onBroken: () => void): void {
    if (this.closed) return;
    if (this.gapFill) {
      this.gapPending = true;
      return;
    }
    this.gapFill = this.replayAfter(this.replayAnchor, replay)
      .catch((error: unknown) => {
        this.log.warn(
          { err: error },
          'Replaying notifications missed while Redis was away failed; ending the stream',
        );
        onBroken();
      })
      .finally(() => {
        this.gapFill = undefined;
        if (!this.gapPending) return;
        this.gapPending = false;
        this.fillGap(replay, onBroken);
      });
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
    if (notification.id > this.replayAnchor) this.replayAnchor = notification.id;
    this.writer.notification(notification);
  }
}
