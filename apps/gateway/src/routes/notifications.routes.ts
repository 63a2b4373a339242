import Type from 'typebox';

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';

import {
  CursorSchema,
  ListNotificationsRpc,
  MarkAllNotificationsReadRpc,
  MarkNotificationReadRpc,
  PageLimitSchema,
  UuidSchema,
} from '@atlas/contracts';

import { callService } from '../plugins/service-client';
import { ActingForQuerySchema, IdParamsSchema, STANDARD_ERRORS } from '../schemas/common.schema';
import { actingFor } from './acting-for';

const tags = ['notifications'];

/** Registers the notification routes: list, mark one read, mark all read. The live stream has its own file. */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.get(
    '/notifications',
    {
      schema: {
        tags,
        operationId: 'listNotifications',
        summary: 'List the notifications of the profile, newest first',
        description:
          '`unread` counts every unread notification of the profile, whatever the page. With `unreadOnly`, ' +
          'only unread ones are listed. Send `nextCursor` back as `cursor` until it is null.',
        querystring: Type.Object({
          profileId: Type.Optional(UuidSchema),
          unreadOnly: Type.Optional(Type.Boolean()),
          cursor: Type.Optional(CursorSchema),
          limit: Type.Optional(PageLimitSchema),
        }),
        response: { 200: ListNotificationsRpc.result, ...STANDARD_ERRORS },
      },
      config: { access: 'signed-in', scope: 'notifications:read' },
    },
    async (request) => {
      const { profileId: requested, ...page } = request.query;
      const { actor, profileId } = await actingFor(request, requested);
      return callService(request, ListNotificationsRpc, { actor, profileId, ...page });
    },
  );

  routes.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        operationId: 'markNotificationRead',
        summary: 'Mark a notification read',
        description:
          'Marking a read notification again returns it unchanged. A notification of another profile gets 404.',
        querystring: ActingForQuerySchema,
        params: IdParamsSchema,
        response: { 200: MarkNotificationReadRpc.result, ...STANDARD_ERRORS },
      },
      config: { access: 'signed-in', scope: 'notifications:write' },
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      const body = { actor, profileId, notificationId: request.params.id };
      return callService(request, MarkNotificationReadRpc, body, { hideForbidden: true });
    },
  );

  routes.post(
    '/notifications/read-all',
    {
      schema: {
        tags,
        operationId: 'markAllNotificationsRead',
        summary: 'Mark every notification of the profile read',
        description: '`marked` is the number of notifications that were unread.',
        querystring: ActingForQuerySchema,
        response: { 200: MarkAllNotificationsReadRpc.result, ...STANDARD_ERRORS },
      },
      config: { access: 'signed-in', scope: 'notifications:write' },
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      return callService(request, MarkAllNotificationsReadRpc, { actor, profileId });
    },
  );
}
