import Type from 'typebox';

import type { FastifyInstance } from 'fastify';

import { buildAsyncApiDocument } from '@atlas/public-events';
import { ErrorBodySchema } from '@atlas/service-runtime';

/** Registers `GET /asyncapi.json`: the AsyncAPI 3 document of the events outside systems may consume. */
export function registerAsyncApiRoute(app: FastifyInstance): void {
  const document = buildAsyncApiDocument();
  app.get(
    '/asyncapi.json',
    {
      schema: {
        tags: ['events'],
        operationId: 'getAsyncApiDocument',
        summary: 'The AsyncAPI 3 document of the public events',
        description:
          'Channels and payload schemas of the events that other university systems may subscribe to.',
        security: [],
        response: {
          200: Type.Object(
            { asyncapi: Type.String({ description: 'AsyncAPI version of the document' }) },
            { additionalProperties: true, description: 'The AsyncAPI document' },
          ),
          500: ErrorBodySchema,
        },
      },
      config: { access: 'public' },
    },
    async (_request, reply) => reply.type('application/json').send(document),
  );
}
