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
        operationId: 'listWorks',
        summary: 'List or search the verified works of the profile',
        description:
          'Newest first, or by relevance with `search`, which takes web-search syntax and matches titles and ' +
          'author names, ignoring accents and stemming English and French words. ' +
          'Send `nextCursor` back as `cursor` until it is null.',
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
      schema: {
        tags,
        operationId: 'getWork',
        summary: "Get a verified work with the profile's authorship",
        description: 'A work that the profile is not an author of gets 404.',
        querystring,
        params,
        response: { 200: GetWorkRpc.result, ...STANDARD_ERRORS },
      },
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
      schema: {
        tags,
        operationId: 'listWorkSources',
        summary: 'List the source records attached to a work',
        description:
          'Includes the records of the works merged into it, each with its merge role. ' +
          'A work that the profile is not an author of gets 404.',
        querystring,
        params,
        response: { 200: GetWorkSourcesRpc.result, ...STANDARD_ERRORS },
      },
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
        operationId: 'mergeWorks',
        summary: 'Merge works into this work',
        description:
          'Each work in `merged` joins the work of the path as a version, duplicate or erratum. When a ' +
          "researcher's merge touches a work that another profile confirmed, nothing changes and the " +
          'response is `proposed`, for a curator to decide. A merge forming a cycle gets 400, and one whose ' +
          'primary is merged elsewhere or whose members have works merged into them gets 409.',
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
      schema: {
        tags,
        operationId: 'undoMerge',
        summary: 'Undo a merge',
        description:
          'Restores each merged work to where it was before the merge. A merge made for another profile, ' +
          'or one already undone, gets 404.',
        querystring,
        params,
        response: { 200: UndoMergeRpc.result, ...STANDARD_ERRORS },
      },
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
        operationId: 'unlinkWork',
        summary: "Remove the profile from a work's authors",
        description:
          "Other profiles' authorships of the work stay. A work that the profile is not an author of gets 404.",
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
