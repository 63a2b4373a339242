import Type from 'typebox';

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';

import {
  AddIdentifierRuleRpc,
  AddIdentityRpc,
  GetProfileRpc,
  GetSettingsRpc,
  ListIdentifierRulesRpc,
  ListIdentitiesRpc,
  RemoveIdentifierRuleRpc,
  RemoveIdentityRpc,
  UpdateProfileRpc,
  UpdateSettingsRpc,
} from '@atlas/contracts';

import { callService } from '../plugins/service-client';
import { ActingForQuerySchema, IdParamsSchema, STANDARD_ERRORS } from '../schemas/common.schema';
import { actingFor } from './acting-for';

const read = { access: 'signed-in', scope: 'profile:read' } as const;
const write = { access: 'signed-in', scope: 'profile:write' } as const;
const tags = ['profile'];

/** Registers the routes of a profile (the caller's, or one a curator or admin acts for): identities, settings, identifier rules. */
export async function profileRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  const querystring = ActingForQuerySchema;

  routes.get(
    '/profile',
    {
      schema: { tags, querystring, response: { 200: GetProfileRpc.result, ...STANDARD_ERRORS } },
      config: read,
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      return callService(request, GetProfileRpc, { actor, profileId });
    },
  );

  routes.patch(
    '/profile',
    {
      schema: {
        tags,
        querystring,
        body: Type.Object({
          expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })),
          changes: UpdateProfileRpc.request.properties.changes,
        }),
        response: { 200: UpdateProfileRpc.result, ...STANDARD_ERRORS },
      },
      config: write,
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      return callService(request, UpdateProfileRpc, { actor, profileId, ...request.body });
    },
  );

  routes.get(
    '/profile/identities',
    {
      schema: { tags, querystring, response: { 200: ListIdentitiesRpc.result, ...STANDARD_ERRORS } },
      config: read,
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      return callService(request, ListIdentitiesRpc, { actor, profileId });
    },
  );

  routes.post(
    '/profile/identities',
    {
      schema: {
        tags,
        querystring,
        body: Type.Object({
          type: AddIdentityRpc.request.properties.type,
          value: AddIdentityRpc.request.properties.value,
          isPrimary: Type.Optional(Type.Boolean()),
        }),
        response: { 201: AddIdentityRpc.result, ...STANDARD_ERRORS },
      },
      config: write,
    },
    async (request, reply) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      const identity = await callService(request, AddIdentityRpc, { actor, profileId, ...request.body });
      return reply.code(201).send(identity);
    },
  );

  routes.delete(
    '/profile/identities/:id',
    {
      schema: {
        tags,
        querystring,
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...STANDARD_ERRORS },
      },
      config: write,
    },
    async (request, reply) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      const body = { actor, profileId, identityId: request.params.id };
      const { removed } = await callService(request, RemoveIdentityRpc, body, { hideForbidden: true });
      if (!removed) return reply.code(404).send(notFoundBody(request.id));
      return reply.code(204).send(null);
    },
  );

  routes.get(
    '/profile/settings',
    {
      schema: { tags, querystring, response: { 200: GetSettingsRpc.result, ...STANDARD_ERRORS } },
      config: read,
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      return callService(request, GetSettingsRpc, { actor, profileId });
    },
  );

  routes.patch(
    '/profile/settings',
    {
      schema: {
        tags,
        querystring,
        body: UpdateSettingsRpc.request.properties.changes,
        response: { 200: UpdateSettingsRpc.result, ...STANDARD_ERRORS },
      },
      config: write,
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      return callService(request, UpdateSettingsRpc, { actor, profileId, changes: request.body });
    },
  );

  routes.get(
    '/profile/identifier-rules',
    {
      schema: { tags, querystring, response: { 200: ListIdentifierRulesRpc.result, ...STANDARD_ERRORS } },
      config: read,
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      return callService(request, ListIdentifierRulesRpc, { actor, profileId });
    },
  );

  routes.post(
    '/profile/identifier-rules',
    {
      schema: {
        tags,
        querystring,
        body: Type.Object({
          identifierType: AddIdentifierRuleRpc.request.properties.identifierType,
          value: AddIdentifierRuleRpc.request.properties.value,
          effect: AddIdentifierRuleRpc.request.properties.effect,
        }),
        response: { 201: AddIdentifierRuleRpc.result, ...STANDARD_ERRORS },
      },
      config: write,
    },
    async (request, reply) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      const rule = await callService(request, AddIdentifierRuleRpc, { actor, profileId, ...request.body });
      return reply.code(201).send(rule);
    },
  );

  routes.delete(
    '/profile/identifier-rules/:id',
    {
      schema: {
        tags,
        querystring,
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...STANDARD_ERRORS },
      },
      config: write,
    },
    async (request, reply) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      const body = { actor, profileId, ruleId: request.params.id };
      const { removed } = await callService(request, RemoveIdentifierRuleRpc, body, { hideForbidden: true });
      if (!removed) return reply.code(404).send(notFoundBody(request.id));
      return reply.code(204).send(null);
    },
  );
}

/** Error body of an object that does not exist, or that the caller may not see. */
export function notFoundBody(requestId: string) {
  return { error: { code: 'GATEWAY_ERR_NOT_FOUND', message: 'Not found', requestId } };
}
