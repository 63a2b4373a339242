import Type from 'typebox';

import type { Static } from 'typebox';

import { UuidSchema } from '../envelope';
import { ActorRoleSchema } from './verification-vocabulary';

/**
 * Account performing a request, with its role and the profile it acts for. The gateway fills it from the session or API token; services
 * record it and check `onBehalfOf` against the profile the request touches.
 */
export const ActorSchema = Type.Object({
  /** Account of the person or machine client (gateway access schema); absent for system jobs. */
  accountId: Type.Optional(UuidSchema),
  /** Role the actor holds for this request. */
  role: ActorRoleSchema,
  /** Profile the actor acts for: their own, or one a curator or admin manages. */
  onBehalfOf: Type.Optional(UuidSchema),
  /** API token id, when a machine client made the request. */
  tokenId: Type.Optional(UuidSchema),
});
export type Actor = Static<typeof ActorSchema>;

/** Request part naming the actor; every request that acts for a user includes it. */
export const ActorFieldSchema = Type.Object({ actor: ActorSchema });
