import Type from 'typebox';

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';

import {
  CursorSchema,
  GetWorkRpc,
  GetWorkSourcesRpc,
  ListWorksRpc,
  MergeWorksRpc,
  PageLimitSchema,
  UndoMergeRpc,
  UnlinkWorkRpc,
  UuidSchema,
  WorkSearchSchema,
  WorkTypeSchema,
  YearSchema,
} from '@atlas/contracts';

import { callService } from '../plugins/service-client';
import { ActingForQuerySchema, IdParamsSchema, STANDARD_ERRORS } from '../schemas/common.schema';
import { actingFor } from './acting-for';

const read = { access: 'signed-in', scope: 'works:read' } as const;
const write = { access: 'signed-in', scope: 'works:write' } as const;
const tags = ['works'];
const hidden = { hideForbidden: true };

/** Registers the routes of a profile's verified works: list and search, detail, sources, merge and its undo, unlink. */
export async function workRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  const querystring = ActingForQuerySchema;
  const params = IdParamsSchema;

  routes.get(
    '/works',
    {
      schema: {
        tags,
        querystring: Type.Object({
          profileId: Type.Optional(UuidSchema),
          year: Type.Optional(YearSchema),
          type: Type.Optional(WorkTypeSchema),
          search: Type.Optional(WorkSearchSchema),
          cursor: Type.Optional(CursorSchema),
          limit: Type.Optional(PageLimitSchema),
        }),
        response: { 200: ListWorksRpc.result, ...STANDARD_ERRORS },
      },
      config: read,
    },
    async (request) => {
      const { profileId: requested, ...filters } = request.query;
      const { actor, profileId } = await actingFor(request, requested);
      return callService(request, ListWorksRpc, { actor, profileId, ...filters });
    },
  );

  routes.get(
    '/works/:id',
    {
      schema: { tags, querystring, params, response: { 200: GetWorkRpc.result, ...STANDARD_ERRORS } },
      config: read,
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      return callService(request, GetWorkRpc, { actor, profileId, workId: request.params.id }, hidden);
    },
  );

  routes.get(
    '/works/:id/sources',
    {
      schema: { tags, querystring, params, response: { 200: GetWorkSourcesRpc.result, ...STANDARD_ERRORS } },
      config: read,
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      return callService(request, GetWorkSourcesRpc, { actor, profileId, workId: request.params.id }, hidden);
    },
  );

  routes.post(
    '/works/:id/merge',
    {
      schema: {
        tags,
        querystring,
        params,
        body: Type.Object({
          merged: MergeWorksRpc.request.properties.merged,
          notes: MergeWorksRpc.request.properties.notes,
        }),
        response: { 200: MergeWorksRpc.result, ...STANDARD_ERRORS },
      },
      config: write,
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      const body = { actor, profileId, primaryWorkId: request.params.id, ...request.body };
      return callService(request, MergeWorksRpc, body, hidden);
    },
  );

  routes.post(
    '/works/merges/:id/undo',
    {
      schema: { tags, querystring, params, response: { 200: UndoMergeRpc.result, ...STANDARD_ERRORS } },
      config: write,
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      return callService(request, UndoMergeRpc, { actor, profileId, mergeId: request.params.id }, hidden);
    },
  );

  routes.post(
    '/works/:id/unlink',
    {
      schema: {
        tags,
        querystring,
        params,
        body: Type.Object({ notes: UnlinkWorkRpc.request.properties.notes }),
        response: { 200: UnlinkWorkRpc.result, ...STANDARD_ERRORS },
      },
      config: write,
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      const body = { actor, profileId, workId: request.params.id, ...request.body };
      return callService(request, UnlinkWorkRpc, body, hidden);
    },
  );
}
