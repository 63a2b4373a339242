import type { Pool } from 'pg';

import {
  GetWorkRpc,
  GetWorkSourcesRpc,
  ListWorksRpc,
  MergeWorksRpc,
  UndoMergeRpc,
  UnlinkWorkRpc,
} from '@atlas/contracts';
import { pgExecutor } from '@atlas/database';
import { rpcHandler } from '@atlas/messaging';

import { workNotFound } from '../domain/errors';
import { readAuthorship, readProfileWorks, readWorkSources } from '../repositories/profile-works.repository';
import { readWorkSummary } from '../repositories/work-summary.repository';
import { mergeWorks, undoMerge, unlinkWork } from '../services/merge.service';
import { assertProfileAccess, changeProfile } from './profile.handlers';
import { replyingErrors } from './rpc-errors';

/** Operations on a profile's verified works: list and search, detail, sources, merge, undo, unlink. */
export function workHandlers(pool: () => Pool) {
  return [
    rpcHandler(
      ListWorksRpc,
      replyingErrors(async ({ actor, profileId, cursor, limit, year, type, search }) => {
        assertProfileAccess(actor, profileId);
        return readProfileWorks(pgExecutor(pool()), {
          profileId,
          limit: limit ?? 50,
          ...(cursor ? { cursor } : {}),
          ...(year ? { year } : {}),
          ...(type ? { type } : {}),
          ...(search ? { search } : {}),
        });
      }),
    ),
    rpcHandler(
      GetWorkRpc,
      replyingErrors(async ({ actor, profileId, workId }) => {
        assertProfileAccess(actor, profileId);
        const db = pgExecutor(pool());
        const authorship = await readAuthorship(db, profileId, workId);
        const work = await readWorkSummary(db, workId);
        if (!work) throw workNotFound(workId);
        return { work: { kind: 'inline' as const, value: work }, authorship };
      }),
    ),
    rpcHandler(
      GetWorkSourcesRpc,
      replyingErrors(async ({ actor, profileId, workId }) => {
        assertProfileAccess(actor, profileId);
        const db = pgExecutor(pool());
        await readAuthorship(db, profileId, workId);
        return { items: await readWorkSources(db, workId) };
      }),
    ),
    rpcHandler(
      MergeWorksRpc,
      replyingErrors((request) =>
        changeProfile(pool(), request.actor, request.profileId, (tx) => mergeWorks(tx, request)),
      ),
    ),
    rpcHandler(
      UndoMergeRpc,
      replyingErrors(({ actor, profileId, mergeId }) =>
        changeProfile(pool(), actor, profileId, (tx) => undoMerge(tx, actor, profileId, mergeId)),
      ),
    ),
    rpcHandler(
      UnlinkWorkRpc,
      replyingErrors(({ actor, profileId, workId, notes }) =>
        changeProfile(pool(), actor, profileId, (tx) => unlinkWork(tx, actor, profileId, workId, notes)),
      ),
    ),
  ];
}
