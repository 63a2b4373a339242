import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Prefix of the Redis pub/sub channels of new notifications; the notification service publishes on them. */
export const NOTIFICATION_CHANNEL_PREFIX = 'atlas:notifications:';

/** Receives each message published on a profile's channel, as the raw JSON text. */
export type FeedListener = (message: string) => void;

/** Called once the channels are subscribed again after the subscriber connection was lost. */
export type GapListener = () => void;

/**
 * One Redis subscriber connection shared by every open stream of a gateway process. A profile's
 * channel is subscribed while at least one stream of that profile listens.
 *
 * Messages published while the connection was down, or before ioredis subscribed again, reach no
 * one. Once the channels are subscribed again, the feed calls every open stream back, and each fetches
 * what it missed from the notification service.
 */
export class NotificationFeed {
  private readonly listeners = new Map<string, Set<FeedListener>>();
  private readonly subscriptions = new Map<string, Promise<unknown>>();
  private readonly gapListeners = new Set<GapListener>();
  private connectionLost = false;

  constructor(
    private readonly subscriber: Redis,
    private readonly log: Logger,
  ) {
    subscriber.on('message', (channel: string, message: string) => this.dispatch(channel, message));
    subscriber.on('close', () => {
      this.connectionLost = true;
    });
    subscriber.on('ready', () => {
      if (!this.connectionLost) return;
      this.connectionLost = false;
      void this.resubscribe();
    });
  }

  /**
   * Adds a listener and resolves once Redis confirms the subscription; `onGap` runs whenever messages
   * may have been missed since. Returns the function that removes both.
   */
  async listen(profileId: string, listener: FeedListener, onGap?: GapListener): Promise<() => Promise<void>> {
    const channel = `${NOTIFICATION_CHANNEL_PREFIX}${profileId}`;
    let listeners = this.listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(channel, listeners);
      this.subscriptions.set(channel, this.subscriber.subscribe(channel));
    }
    listeners.add(listener);
    if (onGap) this.gapListeners.add(onGap);
    await this.subscriptions.get(channel);
    return () => {
      if (onGap) this.gapListeners.delete(onGap);
      return this.remove(channel, listener);
    };
  }

  /** Closes the subscriber connection. */
  async close(): Promise<void> {
    this.listeners.clear();
    this.gapListeners.clear();
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

  /**
   * Subscribes to every listened channel again, then calls the streams back to fetch what they missed.
   * ioredis also subscribes again on its own, but waiting for this reply makes sure the channels are live.
   */
  private async resubscribe(): Promise<void> {
    const channels = [...this.listeners.keys()];
    try {
      if (channels.length > 0) await this.subscriber.subscribe(...channels);
    } catch (error) {
      this.log.warn(
        { err: error, channels: channels.length },
        'Subscribing again after a Redis reconnect failed',
      );
      this.connectionLost = true;
      return;
    }
    this.log.info(
      { channels: channels.length },
      'Notification channels subscribed again; streams fetch what they missed',
    );
    for (const onGap of this.gapListeners) onGap();
  }

  private dispatch(channel: string, message: string): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(message);
  }
}
