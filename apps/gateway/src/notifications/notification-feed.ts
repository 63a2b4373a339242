import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Prefix of the Redis pub/sub channels of new notifications; the notification service publishes on them. */
export const NOTIFICATION_CHANNEL_PREFIX = 'atlas:notifications:';

/** Receives each message published on a profile's channel, as the raw JSON text. */
export type FeedListener = (message: string) => void;

/**
 * One Redis subscriber connection shared by every open stream of a gateway process. A profile's
 * channel is subscribed while at least one stream of that profile listens.
 *
 * NOTE: ioredis subscribes again after a reconnect, but messages published while Redis was unreachable
 * are lost for open streams. A client gets them only when it reconnects with its Last-Event-ID.
 */
export class NotificationFeed {
  private readonly listeners = new Map<string, Set<FeedListener>>();
  private readonly subscriptions = new Map<string, Promise<unknown>>();

  constructor(
    private readonly subscriber: Redis,
    private readonly log: Logger,
  ) {
    subscriber.on('message', (channel: string, message: string) => this.dispatch(channel, message));
  }

  /** Adds a listener and resolves once Redis confirms the subscription; returns the function that removes it. */
  async listen(profileId: string, listener: FeedListener): Promise<() => Promise<void>> {
    const channel = `${NOTIFICATION_CHANNEL_PREFIX}${profileId}`;
    let listeners = this.listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(channel, listeners);
      this.subscriptions.set(channel, this.subscriber.subscribe(channel));
    }
    listeners.add(listener);
    await this.subscriptions.get(channel);
    return () => this.remove(channel, listener);
  }

  /** Closes the subscriber connection. */
  async close(): Promise<void> {
    this.listeners.clear();
    if (this.subscriber.status === 'ready') await this.subscriber.quit();
    else this.subscriber.disconnect();
  }

  private async remove(channel: string, listener: FeedListener): Promise<void> {
    const listeners = this.listeners.get(channel);
    if (!listeners?.delete(listener) || listeners.size > 0) return;
    this.listeners.delete(channel);
    this.subscriptions.delete(channel);
    // Commands on one connection run in order, so a later subscribe to this channel still wins.
    await this.subscriber.unsubscribe(channel).catch((error: unknown) => {
      this.log.warn({ err: error, channel }, 'Redis unsubscribe failed');
    });
  }

  private dispatch(channel: string, message: string): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(message);
  }
}
