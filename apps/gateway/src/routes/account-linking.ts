import type { FastifyRequest } from 'fastify';

import { CreateProfileRpc, FindProfileByIdentityRpc } from '@atlas/contracts';
import type { Actor } from '@atlas/contracts';

import { callService } from '../plugins/service-client';
import type { AccountRecord } from '../repositories/account.repository';

/** The gateway acting on its own during sign-in, before an account exists. */
const SIGN_IN_ACTOR: Actor = { role: 'system' };

/**
 * Returns the account of an ORCID iD. The first sign-in links the new account to the profile that
 * has the ORCID iD, or creates that profile.
 */
export async function accountForSignIn(
  request: FastifyRequest,
  orcid: string,
  name: string | undefined,
): Promise<AccountRecord> {
  const { accounts } = request.server.gateway;
  const existing = await accounts.findByOrcid(orcid);
  if (existing) return existing;

  const found = await callService(request, FindProfileByIdentityRpc, {
    actor: SIGN_IN_ACTOR,
    type: 'orcid',
    value: orcid,
  });
  let profileId = found.profileId;
  if (profileId === null) {
    const created = await callService(request, CreateProfileRpc, {
      actor: SIGN_IN_ACTOR,
      displayName: name ?? orcid,
      orcid,
    });
    profileId = created.profile.id;
  }
  request.log.info({ orcid, profileId }, 'first sign-in; linking the account to its profile');
  return accounts.createForSignIn(orcid, profileId, name ?? null);
}
