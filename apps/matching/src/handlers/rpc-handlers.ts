import { GetProfileSnapshotRpc, RebuildProfileReadModelRpc, RematchProfileRpc } from '@atlas/contracts';
import { withTransaction, pgExecutor } from '@atlas/database';
import { RpcHandlerError, rpcHandler } from '@atlas/messaging';

import type { Actor } from '@atlas/contracts';
import type { EventBus } from '@atlas/service-runtime';
import type { Pool } from 'pg';

import { recordsPairedWith } from '../repositories/pair.repository';
import { rescoreAllBlocked, rescoreRecords } from '../services/profile-rematch';
import { applyProfileState } from './profile-handlers';

import type { HandlerContext } from './handler-context';

/** Resources the operations use. */
export interface RpcResources {
  pool: () => Pool;
  eventBus: () => EventBus;
  context: HandlerContext;
  /** Keeps a background task so the service can wait for it on close. */
  track: (task: Promise<void>) => void;
}

/** Rejects an actor who may not act for the profile, or who is not an operator when no profile is named. */
function assertAllowed(actor: Actor, profileId?: string): void {
  if (actor.role === 'admin' || actor.role === 'system') return;
  if (profileId && (actor.role === 'curator' || actor.onBehalfOf === profileId)) return;
  throw new RpcHandlerError('FORBIDDEN', `A ${actor.role} may not run this operation here.`);
}

/** Re-scores a profile's pending pairs, or every stored record of its blocks with `full`. */
function rematchProfile(resources: RpcResources) {
  return rpcHandler(RematchProfileRpc, async (request) => {
    assertAllowed(request.actor, request.profileId);
    const counts = await withTransaction(resources.pool(), async (client) => {
      const tx = pgExecutor(client);
      if (request.full) return rescoreAllBlocked(tx, request.profileId, resources.context.settings);
      const paired = await recordsPairedWith(tx, request.profileId);
      return rescoreRecords(tx, paired, 'rematch', resources.context.settings);
    });
    if (!counts)
      throw new RpcHandlerError('NOT_FOUND', `Profile ${request.profileId} is not in the read model.`);
    return { queuedRecords: counts.rescored };
  });
}

/** Applies every page of verification's profile snapshot, one transaction per profile. */
async function rebuildFromSnapshot(resources: RpcResources): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await resources.eventBus().call(GetProfileSnapshotRpc, {
      actor: { role: 'system' },
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items)
      await withTransaction(resources.pool(), (client) =>
        applyProfileState(pgExecutor(client), item.profile, item.profileVersion, resources.context),
      );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Starts a rebuild of the profile read model in the background; returns `started: false` while one is running. */
function rebuildProfileReadModel(resources: RpcResources) {
  let running = false;
  return rpcHandler(RebuildProfileReadModelRpc, async (request) => {
    assertAllowed(request.actor);
    if (running) return { started: false };
    running = true;
    const task = rebuildFromSnapshot(resources)
      .then(() => resources.context.log.info('profile read model rebuilt from the snapshot'))
      .catch((error: unknown) =>
        resources.context.log.error({ err: error }, 'rebuilding the profile read model failed'),
      )
      .finally(() => {
        running = false;
      });
    resources.track(task);
    return { started: true };
  });
}

/** The request/reply operations of the matching service. */
export function matchingRpcHandlers(resources: RpcResources) {
  return [rematchProfile(resources), rebuildProfileReadModel(resources)];
}
