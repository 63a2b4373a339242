import Type from 'typebox';

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';

import { GetImportRunRpc, ImportFormatSchema, StartImportRpc } from '@atlas/contracts';
import type { Actor } from '@atlas/contracts';
import { ErrorBodySchema, ServiceError } from '@atlas/service-runtime';

import { STANDARD_ERRORS, IdParamsSchema } from '../schemas/common.schema';
import { callService } from '../plugins/service-client';
import { principalOf } from './acting-for';
import { storeUpload } from './import-upload';

const admin = { access: 'admin', scope: 'admin' } as const;
const tags = ['admin'];

/** Media types an upload may be sent as; the ingest service detects the format from the content. */
const UPLOAD_MEDIA_TYPES = [
  'application/octet-stream',
  'application/gzip',
  'application/x-ndjson',
  'application/xml',
];

/** Builds the error for an upload whose body is missing, or sent in a type that is not a file's. */
function unsupportedUpload(body: unknown, mediaType: string): ServiceError {
  if (body === undefined || body === null)
    return new ServiceError({
      code: 'GATEWAY_ERR_UPLOAD_EMPTY',
      statusCode: 400,
      message: `The upload has no body; send the file as the body, as one of ${UPLOAD_MEDIA_TYPES.join(', ')}.`,
    });
  return new ServiceError({
    code: 'GATEWAY_ERR_UPLOAD_MEDIA_TYPE',
    statusCode: 415,
    message: `An upload cannot be sent as ${mediaType}; send the file as one of ${UPLOAD_MEDIA_TYPES.join(', ')}.`,
  });
}

/** Registers admin routes for imports from a path in the import folder or an upload, and their state. */
export async function adminImportRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  const { uploadLimitBytes } = app.gateway.config;
  // Upload bodies reach the handler as streams; only this plugin's routes see this parser.
  app.addContentTypeParser(UPLOAD_MEDIA_TYPES, (_request, payload, done) => done(null, payload));

  routes.post(
    '/admin/imports',
    {
      schema: {
        tags,
        operationId: 'startImport',
        summary: 'Import a file, folder or glob relative to the import folder',
        description:
          'Returns 202 with the id of the queued import run; follow it at /admin/imports/{id}. A path that ' +
          'does not exist gets 404 and one matching no file 400. Returns 503 when no import folder is configured.',
        body: Type.Object({
          path: Type.String({ minLength: 1, maxLength: 1024, pattern: '^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$' }),
          format: Type.Optional(ImportFormatSchema),
        }),
        response: { 202: StartImportRpc.result, ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request, reply) => {
      const actor: Actor = { accountId: principalOf(request).accountId, role: 'admin' };
      const { path, format } = request.body;
      const body = { actor, input: { kind: 'path' as const, path }, ...(format ? { format } : {}) };
      return reply.code(202).send(await callService(request, StartImportRpc, body));
    },
  );

  routes.post(
    '/admin/imports/upload',
    {
      schema: {
        tags,
        operationId: 'uploadImport',
        summary: 'Import an uploaded file, streamed into the object store',
        description:
          'Send the file as the request body (application/octet-stream, gzip, NDJSON or XML); the format is ' +
          'detected from the content unless `format` is given. A body over the upload limit gets 413. ' +
          'Returns 202 with the id of the queued import run.',
        querystring: Type.Object({ format: Type.Optional(ImportFormatSchema) }),
        response: { 202: StartImportRpc.result, 415: ErrorBodySchema, ...STANDARD_ERRORS },
      },
      config: admin,
      bodyLimit: uploadLimitBytes,
    },
    async (request, reply) => {
      const actor: Actor = { accountId: principalOf(request).accountId, role: 'admin' };
      const mediaType = (request.headers['content-type'] ?? 'application/octet-stream').split(
        ';',
      )[0] as string;
      if (!(request.body instanceof Readable)) throw unsupportedUpload(request.body, mediaType);
      const reference = await storeUpload(request, request.body, mediaType, uploadLimitBytes);
      const { format } = request.query;
      const body = { actor, input: { kind: 'upload' as const, reference }, ...(format ? { format } : {}) };
      return reply.code(202).send(await callService(request, StartImportRpc, body));
    },
  );

  routes.get(
    '/admin/imports/:id',
    {
      schema: {
        tags,
        operationId: 'getImportRun',
        summary: 'Get the state and counts of an import run',
        description:
          'Counts of records inserted, updated, unchanged and rejected, with the first 100 rejections ' +
          'and where each occurred.',
        params: IdParamsSchema,
        response: { 200: GetImportRunRpc.result, ...STANDARD_ERRORS },
      },
      config: admin,
    },
    async (request) => {
      const actor: Actor = { accountId: principalOf(request).accountId, role: 'admin' };
      return callService(
        request,
        GetImportRunRpc,
        { actor, importRunId: request.params.id },
        { hideForbidden: true },
      );
    },
  );
}
