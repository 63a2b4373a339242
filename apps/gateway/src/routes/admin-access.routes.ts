import Type from 'typebox';

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';

import { literalUnion, RorIdSchema, UuidSchema } from '@atlas/contracts';
import { ServiceError } from '@atlas/service-runtime';

import { ACCOUNT_ROLES } from '../domain/principal';
import { ScopeSchema } from '../domain/scopes';
import { IdParamsSchema, STANDARD_ERRORS } from '../schemas/common.schema';
import { principalOf } from './acting-for';
import { notFoundBody } from './profile.routes';

const admin = { access: 'admin', scope: 'admin' } as const;
const tags = ['admin'];

const RoleSchema = literalUnion(ACCOUNT_ROLES);
const MembershipRoleSchema = Type.Union([Type.Literal('member'), Type.Literal('curator')]);

const AccountSchema = Type.Object({
  id: UuidSchema,
  profileId: UuidSchema,
  orcidSubject: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(RoleSchema),
  disabled: Type.Boolean(),
});

const TokenSchema = Type.Object({
  id: UuidSchema,
  accountId: UuidSchema,
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** Registers admin routes for accounts, roles, institutions, memberships and API tokens. Every change is audited. */
export async function adminAccessRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts, access, tokens } = app.gateway;

  routes.get(
    '/admin/accounts',
    {
      schema: {
        tags,
        operationId: 'listAccounts',
        summary: 'List accounts',
        description: 'Ordered by id. To get the next page, send the last id of a page as `after`.',
        querystring: Type.Object({
          after: Type.Optional(UuidSchema),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(AccountSchema) }), ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request) => ({ items: await accounts.list(request.query.after, request.query.limit) }),
  );

  routes.put(
    '/admin/accounts/:id/roles/:role',
    {
      schema: {
        tags,
        operationId: 'grantRole',
        summary: 'Grant a role to an account',
        description:
          'Granting a role the account already holds changes nothing. Returns 204, or 404 for an unknown account.',
        params: Type.Object({ id: UuidSchema, role: RoleSchema }),
        response: { 204: Type.Null(), ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request, reply) => {
      if (!(await accounts.findById(request.params.id)))
        return reply.code(404).send(notFoundBody(request.id));
      await access.grantRole(principalOf(request).accountId, request.params.id, request.params.role);
      return reply.code(204).send(null);
    },
  );

  routes.delete(
    '/admin/accounts/:id/roles/:role',
    {
      schema: {
        tags,
        operationId: 'revokeRole',
        summary: 'Revoke a role from an account',
        description: 'Returns 204, or 404 when the account does not hold the role.',
        params: Type.Object({ id: UuidSchema, role: RoleSchema }),
        response: { 204: Type.Null(), ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request, reply) => {
      const revoked = await access.revokeRole(
        principalOf(request).accountId,
        request.params.id,
        request.params.role,
      );
      return revoked ? reply.code(204).send(null) : reply.code(404).send(notFoundBody(request.id));
    },
  );

  routes.put(
    '/admin/institutions/:rorId',
    {
      schema: {
        tags,
        operationId: 'saveInstitution',
        summary: 'Create or rename an institution',
        description: 'Institutions are keyed by ROR id, so a second call with the same ROR id renames it.',
        params: Type.Object({ rorId: RorIdSchema }),
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 512 }) }),
        response: {
          200: Type.Object({ id: UuidSchema, rorId: Type.String(), name: Type.String() }),
          ...STANDARD_ERRORS,
        },
      },
      config: admin,
    },
    async (request) =>
      access.upsertInstitution(principalOf(request).accountId, request.params.rorId, request.body.name),
  );

  routes.get(
    '/admin/accounts/:id/memberships',
    {
      schema: {
        tags,
        operationId: 'listMemberships',
        summary: 'List the institution memberships of an account',
        params: IdParamsSchema,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({ institutionRor: Type.String(), membershipRole: MembershipRoleSchema }),
            ),
          }),
          ...STANDARD_ERRORS,
        },
      },
      config: admin,
    },
    async (request) => ({ items: await access.memberships(request.params.id) }),
  );

  routes.put(
    '/admin/accounts/:id/memberships/:rorId',
    {
      schema: {
        tags,
        operationId: 'saveMembership',
        summary: 'Add or change an institution membership',
        description:
          'A `curator` membership lets the account act for the profiles of that institution; a `member` ' +
          'membership gives no such right. Returns 204, or 404 for an unknown account.',
        params: Type.Object({ id: UuidSchema, rorId: RorIdSchema }),
        body: Type.Object({ membershipRole: MembershipRoleSchema }),
        response: { 204: Type.Null(), ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request, reply) => {
      if (!(await accounts.findById(request.params.id)))
        return reply.code(404).send(notFoundBody(request.id));
      const { id: accountId, rorId: institutionRor } = request.params;
      await access.saveMembership(principalOf(request).accountId, {
        accountId,
        institutionRor,
        membershipRole: request.body.membershipRole,
      });
      return reply.code(204).send(null);
    },
  );

  routes.delete(
    '/admin/accounts/:id/memberships/:rorId',
    {
      schema: {
        tags,
        operationId: 'removeMembership',
        summary: 'Remove an institution membership',
        description: 'Returns 204, or 404 when the account is not a member of that institution.',
        params: Type.Object({ id: UuidSchema, rorId: RorIdSchema }),
        response: { 204: Type.Null(), ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request, reply) => {
      const { id, rorId } = request.params;
      const removed = await access.removeMembership(principalOf(request).accountId, id, rorId);
      return removed ? reply.code(204).send(null) : reply.code(404).send(notFoundBody(request.id));
    },
  );

  routes.post(
    '/admin/tokens',
    {
      schema: {
        tags,
        operationId: 'createApiToken',
        summary: 'Create an API token; its secret is shown in this response only',
        description:
          "The token belongs to the caller's account unless `accountId` names another (404 when unknown), and " +
          'authenticates as Authorization: Bearer followed by the secret. Only a hash of the secret is stored. ' +
          'An `expiresAt` that is not in the future gets 400.',
        body: Type.Object({
          accountId: Type.Optional(UuidSchema),
          name: Type.String({ minLength: 1, maxLength: 100 }),
          scopes: Type.Array(ScopeSchema, { minItems: 1, uniqueItems: true }),
          expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 201: Type.Object({ token: TokenSchema, secret: Type.String() }), ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request, reply) => {
      const actorAccountId = principalOf(request).accountId;
      const accountId = request.body.accountId ?? actorAccountId;
      if (!(await accounts.findById(accountId))) return reply.code(404).send(notFoundBody(request.id));
      const { expiresAt } = request.body;
      if (expiresAt !== undefined && Date.parse(expiresAt) <= Date.now()) {
        throw new ServiceError({
          code: 'GATEWAY_ERR_BAD_REQUEST',
          statusCode: 400,
          message: `Invalid request: body.expiresAt ${expiresAt} is not in the future; send a later time or none.`,
        });
      }
      const created = await tokens.create(actorAccountId, { ...request.body, accountId });
      return reply.code(201).send(created);
    },
  );

  routes.get(
    '/admin/tokens',
    {
      schema: {
        tags,
        operationId: 'listApiTokens',
        summary: 'List API tokens',
        description:
          'The tokens of the account named by `accountId`, or of every account, newest first and at most 500. ' +
          'Secrets are never listed.',
        querystring: Type.Object({ accountId: Type.Optional(UuidSchema) }),
        response: { 200: Type.Object({ items: Type.Array(TokenSchema) }), ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request) => ({ items: await tokens.list(request.query.accountId) }),
  );

  routes.delete(
    '/admin/tokens/:id',
    {
      schema: {
        tags,
        operationId: 'revokeApiToken',
        summary: 'Revoke an API token',
        description:
          'The token is rejected from its next request on. Returns 204, or 404 when no unrevoked token has this id.',
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request, reply) => {
      const revoked = await tokens.revoke(principalOf(request).accountId, request.params.id);
      return revoked ? reply.code(204).send(null) : reply.code(404).send(notFoundBody(request.id));
    },
  );
}
