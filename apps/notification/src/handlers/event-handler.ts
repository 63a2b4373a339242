import type { Logger } from 'pino';
import type { Static, TSchema } from 'typebox';

import type { EventDefinition } from '@atlas/contracts';
import type { EventHandler } from '@atlas/messaging';

import type { CauseContext } from '../domain/notifier';

/** An event the service consumes and the function that applies it inside the inbox transaction. */
export interface ConsumedEvent<Data extends TSchema = TSchema> {
  definition: EventDefinition<Data>;
  handler: EventHandler<Static<Data>>;
}

/** Pairs an event definition with its handler, inferring the payload type. */
export function consumedEvent<Data extends TSchema>(
  definition: EventDefinition<Data>,
  handler: EventHandler<Static<Data>>,
): ConsumedEvent<Data> {
  return { definition, handler };
}

/** Builds the cause context of an event, so notifications carry its trace and correlation ids. */
export function causeOf(
  log: Logger,
  event: { id: string; traceparent?: string; correlationId?: string },
): CauseContext {
  return {
    log: log.child({ eventId: event.id }),
    traceparent: event.traceparent,
    correlationId: event.correlationId,
  };
}
