import type { Readable } from 'node:stream';

import { jetstream } from '@nats-io/jetstream';
import Type from 'typebox';

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import {
  ExportFormatSchema,
  ExportWorksRpc,
  GetStatsRpc,
  UuidSchema,
  WorkTypeSchema,
  YearSchema,
} from '@atlas/contracts';
import type { ExportFormat, PayloadReference } from '@atlas/contracts';
import { MessagingError, openPayload } from '@atlas/messaging';
import { ErrorBodySchema, ServiceError } from '@atlas/service-runtime';

import { callService } from '../plugins/service-client';
import { ActingForQuerySchema, STANDARD_ERRORS } from '../schemas/common.schema';
import { actingFor } from './acting-for';

/** Media type and file extension of each export format. */
export const EXPORT_MEDIA: Readonly<Record<ExportFormat, { mediaType: string; extension: string }>> = {
  bibtex: { mediaType: 'application/x-bibtex; charset=utf-8', extension: 'bib' },
  ris: { mediaType: 'application/x-research-info-systems; charset=utf-8', extension: 'ris' },
  csljson: { mediaType: 'application/vnd.citationstyles.csl+json; charset=utf-8', extension: 'json' },
  csv: { mediaType: 'text/csv; charset=utf-8', extension: 'csv' },
};

/**
 * Opens an export the service left in the object store because it was too large for a reply. The
 * stream fails at its end when the bytes differ from the reference's size or digest, which cuts the
 * response short instead of completing it.
 */
async function openStoredExport(request: FastifyRequest, reference: PayloadReference): Promise<Readable> {
  const nc = await request.server.natsConnected();
  try {
    const stream = await openPayload(jetstream(nc), reference);
    stream.once('error', (error) =>
      request.log.error({ err: error, reference }, 'stored export failed its check while streaming'),
    );
    return stream;
  } catch (error) {
    if (!(error instanceof MessagingError) || error.code !== 'MESSAGING_ERR_PAYLOAD_NOT_FOUND') throw error;
    request.log.warn({ reference }, 'stored export is missing or expired');
    throw new ServiceError({
      code: 'GATEWAY_ERR_EXPORT_EXPIRED',
      statusCode: 410,
      message: 'The prepared export is no longer available; request it again.',
    });
  }
}

/** Registers the statistics and citation export routes of a profile. */
export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.get(
    '/stats',
    {
      schema: {
        tags: ['reports'],
        operationId: 'getStats',
        summary: 'Count the candidates and verified works of the profile',
        description:
          'Candidates by status, verified works by year and by type, and the share of candidates decided.',
        querystring: ActingForQuerySchema,
        response: { 200: GetStatsRpc.result, ...STANDARD_ERRORS },
      },
      config: { access: 'signed-in', scope: 'works:read' },
    },
    async (request) => {
      const { actor, profileId } = await actingFor(request, request.query.profileId);
      return callService(request, GetStatsRpc, { actor, profileId });
    },
  );

  routes.get(
    '/export',
    {
      schema: {
        tags: ['reports'],
        operationId: 'exportWorks',
        summary: 'Verified works as BibTeX, RIS, CSL-JSON or CSV, as a file download',
        description:
          'At most the 10,000 newest works, filtered by `year` and `type`; the X-Exported-Works header gives their ' +
          'number. ' +
          'A large export is prepared in the object store and streamed from there, and returns 410 when the ' +
          'prepared file is no longer available.',
        querystring: Type.Object({
          format: ExportFormatSchema,
          profileId: Type.Optional(UuidSchema),
          year: Type.Optional(YearSchema),
          type: Type.Optional(WorkTypeSchema),
        }),
        response: {
          200: Type.String({ description: 'The file, in the media type of the format' }),
          ...STANDARD_ERRORS,
          410: ErrorBodySchema,
        },
      },
      config: { access: 'signed-in', scope: 'export' },
    },
    async (request, reply) => {
      const { profileId: requested, ...filters } = request.query;
      const { actor, profileId } = await actingFor(request, requested);
      const result = await callService(request, ExportWorksRpc, { actor, profileId, ...filters });
      const media = EXPORT_MEDIA[filters.format];
      reply.header('Content-Type', media.mediaType);
      reply.header('Content-Disposition', `attachment; filename="atlas-works.${media.extension}"`);
      reply.header('Cache-Control', 'private, no-store');
      reply.header('X-Exported-Works', result.works);
      if (result.kind === 'inline') return reply.send(result.content);
      // The stream is sent as is; the response schema documents the file, it does not serialise it.
      return (reply as FastifyReply).send(await openStoredExport(request, result.reference));
    },
  );
}
