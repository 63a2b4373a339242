import Type from 'typebox';

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';

import {
  CreateProfileRpc,
  GetProfileRpc,
  ImportProfilesRpc,
  SourceSchema,
  StartSyncRpc,
  UuidSchema,
} from '@atlas/contracts';

import { actorFor } from '../domain/principal';
import { callService } from '../plugins/service-client';
import { STANDARD_ERRORS } from '../schemas/common.schema';
import { principalOf } from './acting-for';

const admin = { access: 'admin', scope: 'admin' } as const;
const tags = ['admin'];
const ProfileParamsSchema = Type.Object({ profileId: UuidSchema });

/** Registers admin routes for profiles: look-up, creation, import from stored records, on-demand sync. */
export async function adminProfileRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.get(
    '/admin/profiles/:profileId',
    {
      schema: {
        tags,
        params: ProfileParamsSchema,
        response: { 200: GetProfileRpc.result, ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request) => {
      const { profileId } = request.params;
      return callService(request, GetProfileRpc, {
        actor: actorFor(principalOf(request), profileId),
        profileId,
      });
    },
  );

  routes.post(
    '/admin/profiles',
    {
      schema: {
        tags,
        body: Type.Object({
          displayName: CreateProfileRpc.request.properties.displayName,
          orcid: CreateProfileRpc.request.properties.orcid,
          email: CreateProfileRpc.request.properties.email,
          institutionId: CreateProfileRpc.request.properties.institutionId,
        }),
        response: { 200: CreateProfileRpc.result, 201: CreateProfileRpc.result, ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request, reply) => {
      const { accountId } = principalOf(request);
      const result = await callService(request, CreateProfileRpc, {
        actor: { accountId, role: 'admin' },
        ...request.body,
      });
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  routes.post(
    '/admin/profiles/import',
    {
      schema: {
        tags,
        body: Type.Object({
          rawRecordIds: ImportProfilesRpc.request.properties.rawRecordIds,
          defaults: ImportProfilesRpc.request.properties.defaults,
        }),
        response: { 200: ImportProfilesRpc.result, ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request) => {
      const { accountId } = principalOf(request);
      return callService(request, ImportProfilesRpc, {
        actor: { accountId, role: 'admin' },
        ...request.body,
      });
    },
  );

  routes.post(
    '/admin/profiles/:profileId/sync',
    {
      schema: {
        tags,
        params: ProfileParamsSchema,
        body: Type.Object({
          sources: Type.Optional(Type.Array(SourceSchema, { minItems: 1, maxItems: 5, uniqueItems: true })),
        }),
        response: { 202: StartSyncRpc.result, ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request, reply) => {
      const { profileId } = request.params;
      const actor = actorFor(principalOf(request), profileId);
      const body = request.body.sources
        ? { actor, profileId, sources: request.body.sources }
        : { actor, profileId };
      return reply.code(202).send(await callService(request, StartSyncRpc, body));
    },
  );
}
