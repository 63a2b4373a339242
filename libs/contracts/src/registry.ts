import { INGEST_EVENTS } from './events/ingest.events';
import { MATCHING_EVENTS } from './events/matching.events';
import { NOTIFICATION_EVENTS } from './events/notification.events';
import { VERIFICATION_EVENTS } from './events/verification.events';
import { INGEST_RPCS } from './rpc/ingest.rpc';
import { MATCHING_RPCS } from './rpc/matching.rpc';
import { NOTIFICATION_RPCS } from './rpc/notification.rpc';
import { VERIFICATION_RPCS } from './rpc/verification.rpc';

import type { EventDefinition } from './event-definition';
import type { RpcDefinition } from './rpc-definition';

/** Every event definition of the system, all versions still published. */
export const ALL_EVENTS: readonly EventDefinition[] = [
  ...INGEST_EVENTS,
  ...MATCHING_EVENTS,
  ...VERIFICATION_EVENTS,
  ...NOTIFICATION_EVENTS,
];

/** Events outside systems may subscribe to; their credentials allow exactly these subjects. */
export const PUBLIC_EVENTS: readonly EventDefinition[] = ALL_EVENTS.filter((definition) => definition.public);

/** Every request/reply operation of the system. */
export const ALL_RPCS: readonly RpcDefinition[] = [
  ...INGEST_RPCS,
  ...MATCHING_RPCS,
  ...VERIFICATION_RPCS,
  ...NOTIFICATION_RPCS,
];

/** Looks up an event definition by its subject. */
export function findEventBySubject(subject: string): EventDefinition | undefined {
  return ALL_EVENTS.find((definition) => definition.subject === subject);
}

/** Looks up an operation by its subject. */
export function findRpcBySubject(subject: string): RpcDefinition | undefined {
  return ALL_RPCS.find((definition) => definition.subject === subject);
}
