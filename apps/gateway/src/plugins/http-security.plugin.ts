import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

import type { FastifyInstance } from 'fastify';

/** Settings of the HTTP security layer. */
export interface HttpSecurityOptions {
  /** Frontend origins allowed to call the API from a browser, with credentials. */
  corsOrigins: string[];
  /** Key signing cookies. */
  cookieSecret: string;
}

/**
 * Security headers (helmet), CORS for the configured frontend origins only, and signed cookies.
 * Requests from any other origin get no CORS headers, so browsers keep their responses from scripts.
 */
export const httpSecurityPlugin = fp(
  async (app: FastifyInstance, options: HttpSecurityOptions) => {
    await app.register(helmet, {
      // Swagger UI at /docs loads its own scripts and styles from this origin.
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
        },
      },
    });
    const allowed = new Set(options.corsOrigins);
    await app.register(cors, {
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      credentials: true,
      methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
      allowedHeaders: [
        'Content-Type',
        'Authorization',
        'X-CSRF-Token',
        'X-Correlation-Id',
        'Idempotency-Key',
      ],
      exposedHeaders: [
        'X-Correlation-Id',
        'Retry-After',
        'RateLimit-Limit',
        'RateLimit-Remaining',
        'RateLimit-Reset',
      ],
      maxAge: 600,
    });
    await app.register(cookie, { secret: options.cookieSecret });
  },
  { name: 'gateway-http-security' },
);
