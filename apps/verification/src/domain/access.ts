import type { Actor } from '@atlas/contracts';

/**
 * Whether an actor may act on a profile's data: admins and system jobs always, others only for the
 * profile they act for (the gateway has checked that a curator manages it), or for a candidate
 * delegated to their account.
 */
export function mayActFor(actor: Actor, profileId: string, delegatedTo?: string | null): boolean {
  if (actor.role === 'admin' || actor.role === 'system') return true;
  if (actor.onBehalfOf === profileId) return true;
  return delegatedTo !== undefined && delegatedTo !== null && actor.accountId === delegatedTo;
}

/** Text recorded as `decided_by`: the account id, or `system` for automatic acts. */
export function actorLabel(actor: Actor): string {
  return actor.accountId ?? actor.role;
}

/** The actor of automatic acts. */
export const SYSTEM_ACTOR: Actor = { role: 'system' };
