import { PUBLIC_EVENTS, durableConsumerName } from '@atlas/contracts';

import type { EventDefinition } from '@atlas/contracts';

/** Publish and subscribe permissions of one NATS user, as nats-server configuration takes them. */
export interface NatsPermissions {
  publish: { allow: string[] };
  subscribe: { allow: string[] };
}

/**
 * Durable consumer name an outside system uses for one public event: its user name, then the event
 * (`library_work_confirmed_v1`). Fixing the name lets the permissions name exactly its consumers.
 */
export function publicConsumerName(user: string, definition: EventDefinition): string {
  return durableConsumerName('gateway', definition).replace(/^gateway_/, `${user}_`);
}

/**
 * Permissions of an outside system's NATS user: create, read and pull only its own durable consumers,
 * and create each only with the filter of one public subject, so it can neither read internal events
 * nor pull from the services' consumers. Replies and pulled messages arrive on `_INBOX.>`.
 */
export function publicSubscriberPermissions(
  user: string,
  events: readonly EventDefinition[] = PUBLIC_EVENTS,
): NatsPermissions {
  const streams = [...new Set(events.map((definition) => definition.stream))];
  const publish = ['$JS.API.INFO', ...streams.map((stream) => `$JS.API.STREAM.INFO.${stream}`)];
  for (const definition of events) {
    const consumer = `${definition.stream}.${publicConsumerName(user, definition)}`;
    // NATS 2.9 and later put the filter subject in the create subject, so the permission pins it.
    publish.push(`$JS.API.CONSUMER.CREATE.${consumer}.${definition.subject}`);
    publish.push(`$JS.API.CONSUMER.INFO.${consumer}`);
    publish.push(`$JS.API.CONSUMER.MSG.NEXT.${consumer}`);
    publish.push(`$JS.API.CONSUMER.DELETE.${consumer}`);
    publish.push(`$JS.ACK.${consumer}.>`);
  }
  return { publish: { allow: publish }, subscribe: { allow: ['_INBOX.>'] } };
}
