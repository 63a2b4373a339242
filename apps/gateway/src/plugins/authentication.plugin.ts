import { timingSafeEqual } from 'node:crypto';

import fp from 'fastify-plugin';

import type { FastifyInstance, FastifyRequest } from 'fastify';

import { ServiceError } from '@atlas/service-runtime';

import '../fastify-augment';
import { bearerToken, isWellFormedApiToken } from '../domain/api-token';
import { scopeAllows } from '../domain/scopes';
import { CSRF_HEADER, SESSION_COOKIE } from './gateway-context';

import type { Principal } from '../domain/principal';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function unauthenticated(message: string): ServiceError {
  return new ServiceError({ code: 'GATEWAY_ERR_UNAUTHENTICATED', statusCode: 401, message });
}

function forbidden(code: string, message: string): ServiceError {
  return new ServiceError({ code, statusCode: 403, message });
}

async function principalFromToken(request: FastifyRequest, secret: string): Promise<Principal> {
  const owner = isWellFormedApiToken(secret)
    ? await request.server.gateway.tokens.authenticate(secret)
    : undefined;
  if (!owner) throw unauthenticated('The API token is invalid, expired or revoked.');
  return { ...owner, via: 'token' };
}

/** Returns the session id of a validly signed session cookie. */
export function sessionIdOf(request: FastifyRequest): string | undefined {
  const raw = request.cookies[SESSION_COOKIE];
  if (raw === undefined) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

/** Resolves the session caller, or undefined when there is no live session. */
export async function principalFromSession(request: FastifyRequest): Promise<Principal | undefined> {
  const sessionId = sessionIdOf(request);
  if (!sessionId) return undefined;
  const { sessions, accounts } = request.server.gateway;
  const session = await sessions.touch(sessionId);
  if (!session) return undefined;
  const account = await accounts.findById(session.accountId);
  if (!account || account.disabled) {
    await sessions.destroy(sessionId);
    return undefined;
  }
  return {
    accountId: account.id,
    profileId: account.profileId,
    role: account.role,
    via: 'session',
    sessionId,
    csrfToken: session.csrfToken,
  };
}

function checkCsrf(request: FastifyRequest, principal: Principal): void {
  const sent = request.headers[CSRF_HEADER];
  const expected = Buffer.from(principal.csrfToken ?? '', 'utf8');
  const received = Buffer.from(typeof sent === 'string' ? sent : '', 'utf8');
  if (expected.length === 0 || received.length !== expected.length || !timingSafeEqual(received, expected)) {
    throw forbidden(
      'GATEWAY_ERR_CSRF',
      `Missing or invalid ${CSRF_HEADER} header; read it from GET /auth/session.`,
    );
  }
}

async function authenticate(request: FastifyRequest): Promise<void> {
  const { access = 'public', scope, csrf = true } = request.routeOptions.config;
  if (access === 'public') return;
  const secret = bearerToken(request.headers.authorization);
  const principal = secret ? await principalFromToken(request, secret) : await principalFromSession(request);
  if (!principal) throw unauthenticated('Sign in, or send an API token as Authorization: Bearer atl_….');
  request.principal = principal;

  if (principal.via === 'token' && scope && !scopeAllows(principal.scopes ?? [], scope)) {
    throw forbidden('GATEWAY_ERR_SCOPE', `The API token lacks the ${scope} scope.`);
  }
  if (principal.via === 'session' && csrf && !SAFE_METHODS.has(request.method)) checkCsrf(request, principal);
  if (access === 'admin' && principal.role !== 'admin') {
    throw forbidden('GATEWAY_ERR_ADMIN_ONLY', 'This route is for administrators.');
  }
}

/**
 * Authenticates every route that is not public, from an API token or a session cookie, and checks
 * token scopes, the CSRF token of browser writes, and admin-only routes.
 */
export const authenticationPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('principal', undefined);
    app.addHook('preValidation', authenticate);
  },
  { name: 'gateway-authentication' },
);
