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
        operationId: 'listCandidates',
        summary: 'List the review queue of the profile',
        description:
          'Without `status`, lists pending and uncertain candidates, and snoozed ones only with `includeSnoozed`. ' +
          'Sorted by score, highest first, unless `sort` and `order` say otherwise. ' +
          'Pages hold up to `limit` items (default 50); send `nextCursor` back as `cursor` until it is null.',
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
      schema: {
        tags,
        operationId: 'getCandidate',
        summary: 'Get a candidate with its parsed work and source records',
        description:
          'Includes up to 20 stored versions of the source record, newest first. A candidate of a profile ' +
          'the caller may not act for gets 404, unless it is delegated to the caller.',
        querystring,
        params,
        response: { 200: GetCandidateRpc.result, ...STANDARD_ERRORS },
      },
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
        operationId: 'verifyCandidate',
        summary: 'Record a decision on a candidate',
        description:
          '`claim_duplicate` and `claim_version` need `targetWorkId`, `delegate` needs `delegateTo` and ' +
          "`claim_error` needs `errorReport`. A decision the candidate's status does not allow, or an " +
          'idempotency key reused for another request, gets 409. A retry with the same key from the same ' +
          'account or API token (`idempotencyKey` in the body, else the Idempotency-Key header, else the ' +
          'X-Correlation-Id) returns the first outcome with `replayed` true.',
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
        operationId: 'verifyCandidates',
        summary: 'Record one decision on many candidates',
        description:
          'Applies the decision to each candidate in its own transaction, only where it is in `expectedStatus`. ' +
          'Each item is `applied`, `skipped` (another status) or `failed` with a code, so one refusal does not ' +
          'stop the others. Idempotency keys work as for one decision: a retry returns the first results.',
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
        operationId: 'snoozeCandidate',
        summary: 'Hide a pending candidate from the queue until a time',
        description:
          'Only a pending candidate can be snoozed, others get 409, and an `until` that is not in the future ' +
          'gets 400. The queue lists the candidate again once `until` has passed.',
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
        operationId: 'reopenCandidate',
        summary: 'Put a decided candidate back in the queue',
        description:
          'Sets a confirmed, rejected, automatically decided, merged or uncertain candidate back to pending; ' +
          'its earlier acts stay in its history. A pending or expired candidate gets 409.',
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
        operationId: 'getCandidateHistory',
        summary: 'List every act on a candidate, oldest first',
        description:
          'Decisions, snoozes, reopenings and expiries, each with who acted, through which channel and when. ' +
          'Paged like the queue: send `nextCursor` back as `cursor` until it is null.',
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
