import {
  ListNotificationsRpc,
  ListNotificationsSinceRpc,
  MarkAllNotificationsReadRpc,
  MarkNotificationReadRpc,
} from '@atlas/contracts';
import { pgExecutor } from '@atlas/database';
import { RpcHandlerError, rpcHandler } from '@atlas/messaging';

import type { Pool } from 'pg';

import type { Actor } from '@atlas/contracts';

import {
  countUnread,
  listNotificationsAfter,
  listNotificationsPage,
  markAllNotificationsRead,
  markNotificationRead,
} from '../repositories/notification.repository';
import { decodeCursor, encodeCursor } from './cursor';

const DEFAULT_PAGE_LIMIT = 50;
const DEFAULT_REPLAY_LIMIT = 200;

/** Rejects a researcher reading another profile's notifications; curators and admins are checked by the gateway. */
function assertMayRead(actor: Actor, profileId: string): void {
  if (actor.role !== 'researcher' || actor.onBehalfOf === profileId) return;
  throw new RpcHandlerError('FORBIDDEN', `The actor may not read the notifications of profile ${profileId}`);
}

/** Request/reply operations that list, replay and mark a profile's notifications. */
export function notificationRpcHandlers(pool: Pool) {
  const db = pgExecutor(pool);
  return [
    rpcHandler(ListNotificationsRpc, async (request) => {
      assertMayRead(request.actor, request.profileId);
      const limit = request.limit ?? DEFAULT_PAGE_LIMIT;
      const beforeId = request.cursor ? decodeCursor(request.cursor) : undefined;
      const query = {
        profileId: request.profileId,
        beforeId,
        limit,
        unreadOnly: request.unreadOnly ?? false,
      };
      const [page, unread] = await Promise.all([
        listNotificationsPage(db, query),
        countUnread(db, request.profileId),
      ]);
      const last = page.items.at(-1);
      return { items: page.items, nextCursor: page.hasMore && last ? encodeCursor(last.id) : null, unread };
    }),
    rpcHandler(MarkNotificationReadRpc, async (request) => {
      assertMayRead(request.actor, request.profileId);
      const notification = await markNotificationRead(db, request.profileId, request.notificationId);
      if (notification) return notification;
      throw new RpcHandlerError(
        'NOT_FOUND',
        `Notification ${request.notificationId} not found for this profile`,
      );
    }),
    rpcHandler(MarkAllNotificationsReadRpc, async (request) => {
      assertMayRead(request.actor, request.profileId);
      return { marked: await markAllNotificationsRead(db, request.profileId) };
    }),
    rpcHandler(ListNotificationsSinceRpc, async (request) => {
      assertMayRead(request.actor, request.profileId);
      const limit = request.limit ?? DEFAULT_REPLAY_LIMIT;
      return listNotificationsAfter(db, request.profileId, request.lastEventId, limit);
    }),
  ];
}
