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
        operationId: 'getProfileById',
        summary: 'Get any profile by id',
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
        operationId: 'createProfile',
        summary: 'Create a profile',
        description:
          'Returns 201 with the new profile, whose ORCID iD and e-mail address become its primary identities. ' +
          'When a profile already holds the ORCID iD, returns that profile with 200 and creates nothing.',
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
        operationId: 'importProfiles',
        summary: 'Create or update profiles from stored ORCID and OpenAlex records',
        description:
          'Reads ORCID person records and OpenAlex author objects that ingest has stored. A record whose ' +
          'ORCID iD or OpenAlex id a profile holds adds its identities to that profile; the others create ' +
          'profiles with `defaults`. Records that cannot be used are listed in `rejected` with the reason.',
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
        operationId: 'startProfileSync',
        summary: 'Synchronise a profile with its watched sources now',
        description:
          'Without `sources`, every watched source is synchronised; a source the profile does not watch gets 400. ' +
          'Returns 202 with the ids of the started sync runs, and lists in `alreadyRunning` the sources ' +
          'already synchronising this profile.',
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
