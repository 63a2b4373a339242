import Type from 'typebox';

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';

import {
  CandidateStatusSchema,
  CursorSchema,
  GetCandidateHistoryRpc,
  GetCandidateRpc,
  GetQueueRpc,
  literalUnion,
  PageLimitSchema,
  ProbabilitySchema,
  QUEUE_SORTS,
  ReopenRpc,
  SnoozeRpc,
  SourceSchema,
  UuidSchema,
  VerifyBatchRpc,
  VerifyRpc,
  YearSchema,
} from '@atlas/contracts';

import { callService } from '../plugins/service-client';
import { ActingForQuerySchema, IdParamsSchema, STANDARD_ERRORS } from '../schemas/common.schema';
import { actingFor } from './acting-for';

import type { Principal } from '../domain/principal';

const read = { access: 'signed-in', scope: 'candidates:read' } as const;
const write = { access: 'signed-in', scope: 'candidates:write' } as const;
const tags = ['candidates'];
const hidden = { hideForbidden: true };

const IdempotencyKeySchema = VerifyRpc.request.properties.idempotencyKey;

/** Fields of a decision as clients send them; the gateway adds actor, channel and idempotency key. */
const decisionBody = {
  idempotencyKey: Type.Optional(IdempotencyKeySchema),
  decision: VerifyRpc.request.properties.decision,
  confidence: VerifyRpc.request.properties.confidence,
  notes: VerifyRpc.request.properties.notes,
  evidence: VerifyRpc.request.properties.evidence,
  targetWorkId: VerifyRpc.request.properties.targetWorkId,
  mergeRole: VerifyRpc.request.properties.mergeRole,
  delegateTo: VerifyRpc.request.properties.delegateTo,
  errorReport: VerifyRpc.request.properties.errorReport,
};

const QueueQuerySchema = Type.Object({
  profileId: Type.Optional(UuidSchema),
  status: Type.Optional(Type.Array(CandidateStatusSchema, { minItems: 1, maxItems: 8, uniqueItems: true })),
  minScore: Type.Optional(ProbabilitySchema),
  source: Type.Optional(SourceSchema),
  year: Type.Optional(YearSchema),
  includeSnoozed: Type.Optional(Type.Boolean()),
  sort: Type.Optional(literalUnion(QUEUE_SORTS)),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  cursor: Type.Optional(CursorSchema),
  limit: Type.Optional(PageLimitSchema),
});

/** Decision channel of a principal: API tokens decide through the API, sessions through the web app. */
function channelOf(principal: Principal): 'api' | 'web' {
  return principal.via === 'token' ? 'api' : 'web';
}

/**
 * Idempotency key of a decision: the body's, else the `Idempotency-Key` header, else one derived
 * from the request id, which makes only retries with the same correlation id idempotent.
 */
function idempotencyKeyOf(request: FastifyRequest, fromBody: string | undefined): string {
  const header = request.headers['idempotency-key'];
  if (fromBody) return fromBody;
  if (typeof header === 'string' && /^[A-Za-z0-9_.:-]{8,128}$/.test(header)) return header;
  return `request:${request.id}`.slice(0, 128);
}

/** Registers the verification queue routes: listing, detail, decisions, snoozing, reopening and history. */
export async function candidateRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  const querystring = ActingForQuerySchema;
  const params = IdParamsSchema;

  routes.get(
    '/candidates',
    {
      schema: {
        tags,
        querystring: QueueQuerySchema,
        response: { 200: GetQueueRpc.result, ...STANDARD_ERRORS },
      },
      config: read,
    },
    async (request) => {
      const { profileId: requested, ...filters } = request.query;
      const { actor, profileId } = await actingFor(request, requested);
      return callService(request, GetQueueRpc, { actor, profileId, ...filters });
    },
  );

  routes.get(
    '/candidates/:id',
    {
      schema: { tags, querystring, params, response: { 200: GetCandidateRpc.result, ...STANDARD_ERRORS } },
      config: read,
    },
    async (request) => {
      const { actor } = await actingFor(request, request.query.profileId);
      return callService(request, GetCandidateRpc, { actor, candidateId: request.params.id }, hidden);
    },
  );

  routes.post(
    '/candidates/:id/verify',
    {
      schema: {
        tags,
        querystring,
        params,
        body: Type.Object(decisionBody),
        response: { 200: VerifyRpc.result, ...STANDARD_ERRORS },
      },
      config: write,
    },
    async (request) => {
      const { actor, principal } = await actingFor(request, request.query.profileId);
      const { idempotencyKey, ...decision } = request.body;
      const body = {
        ...decision,
        actor,
        candidateId: request.params.id,
        via: channelOf(principal),
        idempotencyKey: idempotencyKeyOf(request, idempotencyKey),
      };
      return callService(request, VerifyRpc, body, hidden);
    },
  );

  routes.post(
    '/candidates/verify-batch',
    {
      schema: {
        tags,
        querystring,
        body: Type.Object({
          ...decisionBody,
          candidateIds: VerifyBatchRpc.request.properties.candidateIds,
          expectedStatus: VerifyBatchRpc.request.properties.expectedStatus,
        }),
        response: { 200: VerifyBatchRpc.result, ...STANDARD_ERRORS },
      },
      config: write,
    },
    async (request) => {
      const { actor, profileId, principal } = await actingFor(request, request.query.profileId);
      const { idempotencyKey, ...decision } = request.body;
      const body = {
        ...decision,
        actor,
        profileId,
        via: channelOf(principal),
        idempotencyKey: idempotencyKeyOf(request, idempotencyKey),
      };
      return callService(request, VerifyBatchRpc, body, hidden);
    },
  );

  routes.post(
    '/candidates/:id/snooze',
    {
      schema: {
        tags,
        querystring,
        params,
        body: Type.Object({
          until: SnoozeRpc.request.properties.until,
          notes: SnoozeRpc.request.properties.notes,
        }),
        response: { 200: SnoozeRpc.result, ...STANDARD_ERRORS },
      },
      config: write,
    },
    async (request) => {
      const { actor } = await actingFor(request, request.query.profileId);
      return callService(
        request,
        SnoozeRpc,
        { actor, candidateId: request.params.id, ...request.body },
        hidden,
      );
    },
  );

  routes.post(
    '/candidates/:id/reopen',
    {
      schema: {
        tags,
        querystring,
        params,
        body: Type.Object({ notes: ReopenRpc.request.properties.notes }),
        response: { 200: ReopenRpc.result, ...STANDARD_ERRORS },
      },
      config: write,
    },
    async (request) => {
      const { actor } = await actingFor(request, request.query.profileId);
      return callService(
        request,
        ReopenRpc,
        { actor, candidateId: request.params.id, ...request.body },
        hidden,
      );
    },
  );

  routes.get(
    '/candidates/:id/history',
    {
      schema: {
        tags,
        querystring: Type.Object({
          profileId: Type.Optional(UuidSchema),
          cursor: Type.Optional(CursorSchema),
          limit: Type.Optional(PageLimitSchema),
        }),
        params,
        response: { 200: GetCandidateHistoryRpc.result, ...STANDARD_ERRORS },
      },
      config: read,
    },
    async (request) => {
      const { profileId: requested, ...page } = request.query;
      const { actor } = await actingFor(request, requested);
      return callService(
        request,
        GetCandidateHistoryRpc,
        { actor, candidateId: request.params.id, ...page },
        hidden,
      );
    },
  );
}
