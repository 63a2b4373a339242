import type { Pool } from 'pg';

import {
  CreateProfileRpc,
  EraseProfileRpc,
  FindProfileByIdentityRpc,
  GetProfileRpc,
  GetSettingsRpc,
  UpdateProfileRpc,
  UpdateSettingsRpc,
} from '@atlas/contracts';
import type { Actor } from '@atlas/contracts';
import { pgExecutor, withTransaction } from '@atlas/database';
import type { SqlExecutor } from '@atlas/database';
import { rpcHandler } from '@atlas/messaging';

import { mayActFor } from '../domain/access';
import { VerificationError, VerificationErrorReason, profileNotFound } from '../domain/errors';
import { normalizeIdentity } from '../domain/identity-values';
import { findProfileByIdentity, readProfile } from '../repositories/profile.repository';
import { eraseProfile } from '../services/erasure.service';
import { createProfile, updateProfile, updateSettings } from '../services/profile.service';
import { replyingErrors } from './rpc-errors';

/** Refuses an actor who may not act for the profile, as if the profile did not exist. */
export function assertProfileAccess(actor: Actor, profileId: string): void {
  if (!mayActFor(actor, profileId)) throw profileNotFound(profileId);
}

/** Runs a change of a profile the actor may act for in one transaction. */
export function changeProfile<Result>(
  pool: Pool,
  actor: Actor,
  profileId: string,
  change: (tx: SqlExecutor) => Promise<Result>,
): Promise<Result> {
  assertProfileAccess(actor, profileId);
  return withTransaction(pool, (client) => change(pgExecutor(client)));
}

function assertStaff(actor: Actor): void {
  if (actor.role === 'researcher') {
    throw new VerificationError('FORBIDDEN', VerificationErrorReason.forbidden, 'Only staff may do this', {
      role: actor.role,
    });
  }
}

/** Operations on profiles and their settings. */
export function profileHandlers(pool: () => Pool, systemFloor: number) {
  return [
    rpcHandler(
      GetProfileRpc,
      replyingErrors(async ({ actor, profileId }) => {
        assertProfileAccess(actor, profileId);
        return readProfile(pgExecutor(pool()), profileId);
      }),
    ),
    rpcHandler(
      FindProfileByIdentityRpc,
      replyingErrors(async ({ actor, type, value }) => {
        assertStaff(actor);
        const profileId = await findProfileByIdentity(
          pgExecutor(pool()),
          type,
          normalizeIdentity(type, value),
        );
        return { profileId: profileId ?? null };
      }),
    ),
    rpcHandler(
      CreateProfileRpc,
      replyingErrors(({ actor, ...request }) => {
        if (actor.role === 'researcher' && !request.orcid) assertStaff(actor);
        return withTransaction(pool(), (client) => createProfile(pgExecutor(client), request));
      }),
    ),
    rpcHandler(
      UpdateProfileRpc,
      replyingErrors(({ actor, profileId, changes, expectedVersion }) =>
        changeProfile(pool(), actor, profileId, (tx) =>
          updateProfile(tx, profileId, changes, expectedVersion),
        ),
      ),
    ),
    rpcHandler(
      GetSettingsRpc,
      replyingErrors(async ({ actor, profileId }) => {
        assertProfileAccess(actor, profileId);
        return (await readProfile(pgExecutor(pool()), profileId)).settings;
      }),
    ),
    rpcHandler(
      UpdateSettingsRpc,
      replyingErrors(({ actor, profileId, changes }) =>
        changeProfile(pool(), actor, profileId, (tx) => updateSettings(tx, profileId, changes, systemFloor)),
      ),
    ),
    rpcHandler(
      EraseProfileRpc,
      replyingErrors(({ actor, profileId, confirmDisplayName }) =>
        changeProfile(pool(), actor, profileId, (tx) => eraseProfile(tx, profileId, confirmDisplayName)),
      ),
    ),
  ];
}
