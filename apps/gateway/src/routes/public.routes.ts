import Type from 'typebox';

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';

import {
  CursorSchema,
  ListPublicWorksRpc,
  PageLimitSchema,
  UuidSchema,
  WorkTypeSchema,
  YearSchema,
} from '@atlas/contracts';

import { callService } from '../plugins/service-client';
import { SERVICE_ERRORS } from '../schemas/common.schema';

/** Seconds shared caches and browsers may keep a public list. */
const PUBLIC_LIST_MAX_AGE_SECONDS = 300;

/** Registers the public publication lists of profiles, for university web pages, with no sign-in. */
export async function publicRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.get(
    '/public/profiles/:profileId/works',
    {
      schema: {
        tags: ['public'],
        operationId: 'listPublicWorks',
        summary: "A profile's verified works, when the profile's list is public",
        description:
          'Needs no sign-in. A profile whose `visibility` setting is not public gets 404, like an unknown one. ' +
          'Shared caches may keep a response for 5 minutes.',
        security: [],
        params: Type.Object({ profileId: UuidSchema }),
        querystring: Type.Object({
          year: Type.Optional(YearSchema),
          type: Type.Optional(WorkTypeSchema),
          cursor: Type.Optional(CursorSchema),
          limit: Type.Optional(PageLimitSchema),
        }),
        response: { 200: ListPublicWorksRpc.result, ...SERVICE_ERRORS },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      // NOTE: anonymous readers only; a signed-in reader's institution (readerInstitutionId), which
      // would also open institution-only lists, is not passed yet.
      const page = await callService(
        request,
        ListPublicWorksRpc,
        { profileId: request.params.profileId, ...request.query },
        {
          hideForbidden: true,
        },
      );
      reply.header(
        'Cache-Control',
        `public, max-age=${PUBLIC_LIST_MAX_AGE_SECONDS}, stale-while-revalidate=60`,
      );
      reply.header('Vary', 'Origin');
      return page;
    },
  );
}
