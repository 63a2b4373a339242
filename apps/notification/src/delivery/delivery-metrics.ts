import { METRICS, counterOf } from '@atlas/observability';

import type { Counter } from '@opentelemetry/api';

/** Channel a notification reached its profile through. */
export type DeliveryChannel = 'stream' | 'email';

let delivered: Counter | undefined;

/** Counts `count` notifications delivered through `channel`. */
export function countDelivered(channel: DeliveryChannel, count = 1): void {
  // Created on first use, because instruments created before telemetry starts are no-ops for good.
  delivered ??= counterOf(METRICS.notificationsDelivered);
  delivered.add(count, { channel });
}
