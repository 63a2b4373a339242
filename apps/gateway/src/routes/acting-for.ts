import type { FastifyRequest } from 'fastify';

import { GetProfileRpc } from '@atlas/contracts';
import type { Actor } from '@atlas/contracts';
import { ServiceError } from '@atlas/service-runtime';

import { actorFor } from '../domain/principal';
import type { Principal } from '../domain/principal';
import { callService } from '../plugins/service-client';

/** The profile a request acts for and the actor sent to services with it. */
export interface ActingFor {
  profileId: string;
  actor: Actor;
  principal: Principal;
}

function profileNotFound(): ServiceError {
  return new ServiceError({ code: 'GATEWAY_ERR_NOT_FOUND', statusCode: 404, message: 'Not found' });
}

/** Returns the principal of an authenticated route; the authentication hook has set it. */
export function principalOf(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (!principal)
    throw new Error(`Route ${request.routeOptions.url ?? request.url} ran without authentication`);
  return principal;
}

/**
 * Decides whether the caller may act for a profile: researchers for their own, curators for the
 * profiles of the institutions they curate, admins for all. Any other profile gets a 404, so
 * callers cannot learn which profile ids exist.
 */
export async function actingFor(request: FastifyRequest, requestedProfileId?: string): Promise<ActingFor> {
  const principal = principalOf(request);
  const profileId = requestedProfileId ?? principal.profileId;
  const actor = actorFor(principal, profileId);
  if (profileId === principal.profileId || principal.role === 'admin') return { profileId, actor, principal };
  if (principal.role !== 'curator') throw profileNotFound();

  const profile = await callService(request, GetProfileRpc, { actor, profileId }, { hideForbidden: true });
  const { access } = request.server.gateway;
  if (!profile.institutionId || !(await access.isCuratorOf(principal.accountId, profile.institutionId))) {
    throw profileNotFound();
  }
  return { profileId, actor, principal };
}
