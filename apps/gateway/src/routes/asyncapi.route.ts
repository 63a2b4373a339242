import type { FastifyInstance } from 'fastify';

import { buildAsyncApiDocument } from '@atlas/public-events';

/** Registers `GET /asyncapi.json`: the AsyncAPI 3 document of the events outside systems may consume. */
export function registerAsyncApiRoute(app: FastifyInstance): void {
  const document = buildAsyncApiDocument();
  app.get('/asyncapi.json', async (_request, reply) => reply.type('application/json').send(document));
}
