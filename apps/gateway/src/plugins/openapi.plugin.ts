import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

import type { FastifyInstance } from 'fastify';

import { API_TAGS, describeTokenScope } from './openapi-operation';

/**
 * Generates the OpenAPI 3.1 document from the route schemas, serves it at `/openapi.json` and
 * Swagger UI at `/docs`. Register before the routes so that each is collected.
 */
export const openApiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Atlas Verify API',
          version: '1.0.0',
          description:
            'Researchers decide which harvested publications are theirs. Browsers sign in with ORCID and ' +
            'send the session CSRF token in X-CSRF-Token on writes; machine clients send a scoped API token.',
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'atlas_session' },
            apiToken: { type: 'http', scheme: 'bearer', bearerFormat: 'atl_ token' },
          },
        },
        security: [{ session: [] }, { apiToken: [] }],
        tags: API_TAGS,
      },
      transform: describeTokenScope,
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get(
      '/openapi.json',
      { schema: { hide: true }, config: { access: 'public', rateLimit: false } },
      async () => app.swagger(),
    );
  },
  { name: 'gateway-openapi' },
);
