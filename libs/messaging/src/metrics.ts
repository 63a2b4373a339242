/** Counters and gauges the outbox relay reports; the observability library maps them to metrics. */
export interface OutboxRelayMetrics {
  /** Events the stream accepted, and how many of them it dropped as duplicates. */
  published(count: number, duplicates: number): void;
  /** Events whose publish failed and will be retried. */
  publishFailed(count: number): void;
  /** Age in seconds of the oldest event of a batch when the relay claimed it. */
  lag(seconds: number): void;
}

/** Counters the event consumer reports. */
export interface EventConsumerMetrics {
  /** An event was applied, skipped as already applied, retried, or dead-lettered. */
  processed(outcome: 'applied' | 'duplicate' | 'retried' | 'dead_lettered'): void;
  /** A message arrived for the second time or later (its delivery count is above 1). */
  redelivered(): void;
}

/** What the request/reply server reports of each request it serves. */
export interface RpcServerMetrics {
  /** A request of `operation` got a reply with `code` (`OK` or the error code) after `seconds`. */
  served(operation: string, code: string, seconds: number): void;
}
