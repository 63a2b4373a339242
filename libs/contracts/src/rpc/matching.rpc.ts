import Type from 'typebox';

import { UuidSchema } from '../envelope';
import { defineRpc } from '../rpc-definition';
import { ActorSchema } from '../common/actor';
import { CountSchema } from '../common/primitives';

/**
 * Re-scores a profile's pending pairs (or every stored record of its blocks with `full`), after a
 * threshold change or a read-model rebuild. Proposals follow as candidates proposed events.
 */
export const RematchProfileRpc = defineRpc({
  service: 'matching',
  operation: 'rematchProfile',
  request: Type.Object({ actor: ActorSchema, profileId: UuidSchema, full: Type.Optional(Type.Boolean()) }),
  result: Type.Object({ queuedRecords: CountSchema }),
});

/** Rebuilds the matching read model of profiles from verification's profile snapshot (admin). */
export const RebuildProfileReadModelRpc = defineRpc({
  service: 'matching',
  operation: 'rebuildProfileReadModel',
  request: Type.Object({ actor: ActorSchema }),
  result: Type.Object({ started: Type.Boolean() }),
});

/** Request/reply operations of the matching service. */
export const MATCHING_RPCS = [RematchProfileRpc, RebuildProfileReadModelRpc] as const;
