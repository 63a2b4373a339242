import { StartSyncRpc } from '@atlas/contracts';
import type { Actor } from '@atlas/contracts';
import { RpcHandlerError, rpcHandler } from '@atlas/messaging';

import type { SyncService } from '../sync/sync-service';

// NOTE: curators are refused because ingest does not know which institution a profile belongs to.
function requireSyncOperator(actor: Actor): void {
  if (actor.role === 'admin' || actor.role === 'system') return;
  throw new RpcHandlerError(
    'FORBIDDEN',
    `On-demand synchronisation is run by administrators; the actor's role is ${actor.role}.`,
  );
}

/** Builds the handler of `startSync`: an on-demand synchronisation of one profile. */
export function syncHandlers(sync: () => SyncService) {
  return [
    rpcHandler(StartSyncRpc, async (request) => {
      requireSyncOperator(request.actor);
      const profile = await sync().profile(request.profileId);
      if (!profile) {
        throw new RpcHandlerError(
          'NOT_FOUND',
          `Ingest has no profile ${request.profileId}; profiles reach it through profile changed events.`,
        );
      }
      const sources = request.sources ?? profile.watchedSources;
      const unwatched = sources.filter((source) => !profile.watchedSources.includes(source));
      if (sources.length === 0 || unwatched.length > 0) {
        throw new RpcHandlerError(
          'BAD_REQUEST',
          sources.length === 0
            ? `Profile ${profile.profileId} watches no source; add sources to its settings first.`
            : `Profile ${profile.profileId} does not watch ${unwatched.join(', ')}; add them to its watched sources first.`,
          { unwatched },
        );
      }
      const started = await sync().request(profile, sources);
      return {
        syncRunIds: started.runs.map((run) => run.syncRunId),
        alreadyRunning: started.alreadyRunning,
      };
    }),
  ];
}
