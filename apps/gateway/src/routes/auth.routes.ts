import Type from 'typebox';

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply } from 'fastify';

import { isValidOrcid, UuidSchema } from '@atlas/contracts';
import { ErrorBodySchema, ServiceError } from '@atlas/service-runtime';

import { principalFromSession, sessionIdOf } from '../plugins/authentication.plugin';
import { SESSION_COOKIE, SIGN_IN_COOKIE } from '../plugins/gateway-context';
import { STANDARD_ERRORS } from '../schemas/common.schema';
import { accountForSignIn } from './account-linking';

/** Errors of the sign-in routes: the callback links the account through the verification service. */
const SignInErrors = STANDARD_ERRORS;

function signInFailed(message: string, cause?: unknown): ServiceError {
  return new ServiceError({ code: 'GATEWAY_ERR_SIGN_IN_FAILED', statusCode: 400, message, cause });
}

/** Registers sign-in with ORCID, the current session, and sign-out. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config, sessions, oidc, accounts } = app.gateway;
  const cookieBase: CookieSerializeOptions = {
    httpOnly: true,
    secure: config.cookieSecure,
    sameSite: 'lax',
    path: '/',
    signed: true,
  };

  function setSessionCookie(reply: FastifyReply, sessionId: string): void {
    reply.setCookie(SESSION_COOKIE, sessionId, { ...cookieBase, maxAge: config.sessionMaxAgeSeconds });
  }

  routes.get(
    '/auth/orcid',
    {
      schema: {
        tags: ['auth'],
        operationId: 'startOrcidSignIn',
        summary: 'Start signing in with ORCID',
        description:
          'Redirects the browser to the ORCID sign-in page with a 302 and sets a cookie that binds the ' +
          'sign-in to this browser for 10 minutes. Returns 503 when no sign-in provider is configured or ' +
          'the provider cannot be reached.',
        security: [],
        response: { 302: Type.Null(), ...SignInErrors },
      },
      config: { access: 'public' },
    },
    async (_request, reply) => {
      const authorization = await oidc.startAuthorization();
      const { state, codeVerifier, nonce } = authorization;
      await sessions.savePendingSignIn(state, { codeVerifier, nonce });
      reply.setCookie(SIGN_IN_COOKIE, state, { ...cookieBase, maxAge: 600 });
      return reply.redirect(authorization.url.href, 302);
    },
  );

  routes.get(
    '/auth/orcid/callback',
    {
      schema: {
        tags: ['auth'],
        operationId: 'finishOrcidSignIn',
        summary: 'Finish signing in with ORCID',
        description:
          'The redirect target of ORCID: sets the session cookie and redirects with a 303 to the signed-in ' +
          'page. The first sign-in of an ORCID iD creates an account with the researcher role, linked to the ' +
          'profile that holds the iD or to a new one. Returns 400 when the sign-in expired, was already used ' +
          'or began in another browser, 401 when the provider does not confirm it, and 403 for a disabled account.',
        security: [],
        querystring: Type.Object({
          state: Type.String({ minLength: 1, maxLength: 512 }),
          code: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
          error: Type.Optional(Type.String({ maxLength: 256 })),
        }),
        response: { 303: Type.Null(), ...SignInErrors },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const rawCookie = request.cookies[SIGN_IN_COOKIE];
      const boundState = rawCookie ? request.unsignCookie(rawCookie) : undefined;
      reply.clearCookie(SIGN_IN_COOKIE, { path: '/' });
      if (!boundState?.valid || boundState.value !== request.query.state) {
        throw signInFailed(
          'This sign-in was started in another browser or has expired; start again at /auth/orcid.',
        );
      }
      const pending = await sessions.takePendingSignIn(request.query.state);
      if (!pending)
        throw signInFailed('This sign-in has expired or was already used; start again at /auth/orcid.');
      if (request.query.error)
        throw signInFailed(`The provider declined the sign-in: ${request.query.error}.`);

      const query = request.url.slice(request.url.indexOf('?'));
      const claims = await oidc
        .completeAuthorization(query, { state: request.query.state, ...pending })
        .catch((error: unknown) => {
          if (error instanceof ServiceError) throw error;
          throw new ServiceError({
            code: 'GATEWAY_ERR_SIGN_IN_FAILED',
            statusCode: 401,
            message: 'The provider did not confirm the sign-in; start again at /auth/orcid.',
            cause: error,
          });
        });
      if (!isValidOrcid(claims.subject))
        throw signInFailed(`The provider's subject ${claims.subject} is not an ORCID iD.`);

      const account = await accountForSignIn(request, claims.subject, claims.name);
      if (account.disabled) {
        throw new ServiceError({
          code: 'GATEWAY_ERR_ACCOUNT_DISABLED',
          statusCode: 403,
          message: 'This account is disabled.',
        });
      }
      await accounts.recordSignIn(account.id);
      const { id } = await sessions.create(account.id, account.profileId);
      setSessionCookie(reply, id);
      request.log.info({ accountId: account.id }, 'signed in');
      return reply.redirect(config.signedInRedirect, 303);
    },
  );

  routes.get(
    '/auth/session',
    {
      schema: {
        tags: ['auth'],
        operationId: 'getSession',
        summary: 'The signed-in account and the CSRF token for writes',
        description:
          'Returns 401 without a live session. Browsers send `csrfToken` in the X-CSRF-Token header on every write.',
        security: [],
        response: {
          200: Type.Object({
            accountId: UuidSchema,
            profileId: UuidSchema,
            role: Type.String(),
            csrfToken: Type.String(),
          }),
          401: ErrorBodySchema,
          500: ErrorBodySchema,
          503: ErrorBodySchema,
        },
      },
      config: { access: 'public' },
    },
    async (request) => {
      const principal = await principalFromSession(request);
      if (!principal) {
        throw new ServiceError({
          code: 'GATEWAY_ERR_UNAUTHENTICATED',
          statusCode: 401,
          message: 'Not signed in.',
        });
      }
      const { accountId, profileId, role, csrfToken = '' } = principal;
      return { accountId, profileId, role, csrfToken };
    },
  );

  routes.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        operationId: 'signOut',
        summary: 'Sign out',
        description:
          'Ends the session and clears its cookie. Browsers send the X-CSRF-Token header as on any write.',
        response: {
          204: Type.Null(),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          500: ErrorBodySchema,
          503: ErrorBodySchema,
        },
      },
      config: { access: 'signed-in' },
    },
    async (request, reply) => {
      const sessionId = sessionIdOf(request);
      if (sessionId) await sessions.destroy(sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
}
