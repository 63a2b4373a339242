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
      schema: {
        tags,
        operationId: 'getProfile',
        summary: 'Get the profile with its name variants and affiliations',
        querystring,
        response: { 200: GetProfileRpc.result, ...STANDARD_ERRORS },
      },
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
        operationId: 'updateProfile',
        summary: 'Edit the profile',
        description:
          'Changes only the fields sent in `changes`; `nameVariants` and `affiliations` replace the whole list. ' +
          'With `expectedVersion`, an edit of a profile that has changed since that version gets 409.',
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
      schema: {
        tags,
        operationId: 'listIdentities',
        summary: 'List the identities of the profile',
        description:
          'ORCID iDs, OpenAlex, HAL, IdRef, Scopus and ResearcherID author ids, e-mail addresses and name variants.',
        querystring,
        response: { 200: ListIdentitiesRpc.result, ...STANDARD_ERRORS },
      },
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
        operationId: 'addIdentity',
        summary: 'Add an identity to the profile',
        description:
          'Returns 201 with the identity, also when the profile already has it. An identity other than a name ' +
          'variant that belongs to another profile gets 409. With `isPrimary`, it becomes the primary identity of its type.',
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
        operationId: 'removeIdentity',
        summary: 'Remove an identity from the profile',
        description: 'Returns 204, or 404 when the profile has no identity with this id.',
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
      schema: {
        tags,
        operationId: 'getSettings',
        summary: 'Get the settings of the profile',
        querystring,
        response: { 200: GetSettingsRpc.result, ...STANDARD_ERRORS },
      },
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
        operationId: 'updateSettings',
        summary: 'Change the settings of the profile',
        description:
          'Changes only the settings sent and returns them all. An `autoConfirmThreshold` below the system ' +
          'floor is stored as the floor. With `visibility` public, anyone may read the list at ' +
          '/public/profiles/{profileId}/works.',
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
      schema: {
        tags,
        operationId: 'listIdentifierRules',
        summary: 'List the identifier rules of the profile',
        description:
          'A rule names an identifier (DOI, arXiv or HAL id, OpenAlex work or author id, IdHAL or ORCID iD) ' +
          'that matching counts for (`include`) or against (`exclude`) the profile on the records carrying it.',
        querystring,
        response: { 200: ListIdentifierRulesRpc.result, ...STANDARD_ERRORS },
      },
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
        operationId: 'addIdentifierRule',
        summary: 'Add an identifier rule to the profile',
        description:
          'Returns 201 with the rule. When the profile has a rule on the same identifier with the other ' +
          'effect, the new rule replaces it under a new id; with the same effect, the existing rule is returned.',
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
        operationId: 'removeIdentifierRule',
        summary: 'Remove an identifier rule from the profile',
        description: 'Returns 204, or 404 when the profile has no rule with this id.',
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
