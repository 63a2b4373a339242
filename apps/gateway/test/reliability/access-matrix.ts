import { randomBytes } from 'node:crypto';

import { sign } from '@fastify/cookie';

import { SCOPES } from '../../src/domain/scopes';
import { ROUTE_CASES } from './access-routes';
import { expectStatus, gatewayCall } from './access-world';
import type { AccessWorld, CallOptions, Person } from './access-world';
import type { RegisteredRoute, ReliabilityStack } from './reliability-stack';

/** API tokens the matrix calls with, by what they lack or hold. */
export interface MatrixTokens {
  /** Researcher A's token with only `export`. */
  exportOnly: string;
  /** Researcher A's token with only `works:read`. */
  worksReadOnly: string;
  /** Administrator's token without the `admin` scope. */
  adminWithoutAdminScope: string;
  /** Researcher A's token with every scope, `admin` included. */
  everyScopeOfA: string;
}

/** What the matrix needs once the stack and the world exist. */
export interface MatrixContext {
  stack: ReliabilityStack;
  world: AccessWorld;
  tokens: MatrixTokens;
}

/** Creates the matrix's tokens through the admin route. */
export async function createMatrixTokens(stack: ReliabilityStack, world: AccessWorld): Promise<MatrixTokens> {
  const create = async (person: Person, scopes: readonly string[]) => {
    const created = await expectStatus<{ secret: string }>(stack, '/admin/tokens', 201, {
      method: 'POST',
      person: world.admin,
      body: { accountId: person.accountId, name: 'access matrix', scopes },
    });
    return created.secret;
  };
  return {
    exportOnly: await create(world.researcherA, ['export']),
    worksReadOnly: await create(world.researcherA, ['works:read']),
    adminWithoutAdminScope: await create(
      world.admin,
      SCOPES.filter((scope) => scope !== 'admin'),
    ),
    everyScopeOfA: await create(world.researcherA, SCOPES),
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const keyOf = (route: RegisteredRoute) => `${route.method} ${route.url}`;

/** A refusal the matrix expects: status and, for 401 and 403, the error code. */
interface Refusal {
  status: number;
  code?: string;
}

/** Sends one request and checks the refusal and that the body holds nothing of profile B. */
async function expectRefused(
  context: MatrixContext,
  route: RegisteredRoute,
  options: CallOptions & { path: string },
  refusal: Refusal,
): Promise<void> {
  const response = await gatewayCall(context.stack, options.path, { ...options, method: route.method });
  const text = await response.text();
  const label = `${keyOf(route)} as ${options.path}`;

  expect([label, response.status]).toEqual([label, refusal.status]);
  if (refusal.code)
    expect([label, (JSON.parse(text) as { error: { code: string } }).error.code]).toEqual([
      label,
      refusal.code,
    ]);
  // Echoing an id the caller sent reveals nothing; anything else of profile B would.
  const sent = `${options.path} ${JSON.stringify(options.body ?? null)}`;
  const leaked = context.world
    .markersOfB()
    .filter((marker) => text.includes(marker) && !sent.includes(marker));
  expect([label, leaked]).toEqual([label, []]);
}

/** Cookie of a session id that the gateway never issued, signed with another key. */
function forgedCookie(): string {
  const otherKey = randomBytes(32).toString('hex');
  return `atlas_session=${encodeURIComponent(sign(randomBytes(32).toString('base64url'), otherKey))}`;
}

/** A valid cookie with one character of its signature changed. */
function tamperedCookie(cookie: string): string {
  const value = decodeURIComponent(cookie.slice('atlas_session='.length));
  const last = value.at(-1) === 'A' ? 'B' : 'A';
  return `atlas_session=${encodeURIComponent(value.slice(0, -1) + last)}`;
}

/** A valid session id sent without its signature. */
function unsignedCookie(cookie: string): string {
  const value = decodeURIComponent(cookie.slice('atlas_session='.length));
  return `atlas_session=${encodeURIComponent(value.slice(0, value.lastIndexOf('.')))}`;
}

/** A token scope the route does not accept. */
function otherScopeToken(tokens: MatrixTokens, scope: string): string {
  return scope === 'export' ? tokens.worksReadOnly : tokens.exportOnly;
}

/** Checks the refusals that every non-public route gives to bad credentials. */
export async function checkCredentialRefusals(context: MatrixContext, route: RegisteredRoute): Promise<void> {
  const { stack, world, tokens } = context;
  const { path, body } = ROUTE_CASES[keyOf(route)]!.request(world);
  const caller = route.access === 'admin' ? world.admin : world.researcherA;
  const unauthenticated = { status: 401, code: 'GATEWAY_ERR_UNAUTHENTICATED' };

  await expectRefused(context, route, { path, body }, unauthenticated);
  const expired = await stack.expiredSession(caller.accountId, caller.profileId);
  await expectRefused(context, route, { path, body, person: { ...caller, ...expired } }, unauthenticated);
  for (const cookie of [forgedCookie(), tamperedCookie(caller.cookie), unsignedCookie(caller.cookie)]) {
    await expectRefused(context, route, { path, body, person: { ...caller, cookie } }, unauthenticated);
  }
  await expectRefused(
    context,
    route,
    { path, body, headers: { authorization: 'Bearer atl_not-a-token-the-gateway-issued' } },
    unauthenticated,
  );

  if (route.scope) {
    const token =
      route.access === 'admin' ? tokens.adminWithoutAdminScope : otherScopeToken(tokens, route.scope);
    await expectRefused(
      context,
      route,
      { path, body, headers: { authorization: `Bearer ${token}` } },
      { status: 403, code: 'GATEWAY_ERR_SCOPE' },
    );
  }

  if (!SAFE_METHODS.has(route.method)) {
    const crossSite = { origin: 'https://evil.example.com', 'x-csrf-token': '' };
    const wrongToken = { 'x-csrf-token': world.researcherB.csrfToken };
    for (const headers of [crossSite, wrongToken]) {
      await expectRefused(
        context,
        route,
        { path, body, person: caller, headers },
        { status: 403, code: 'GATEWAY_ERR_CSRF' },
      );
    }
  }
}

/** Checks that only administrators pass an admin route, by session or by token. */
export async function checkAdminOnly(context: MatrixContext, route: RegisteredRoute): Promise<void> {
  const { world, tokens } = context;
  const { path, body } = ROUTE_CASES[keyOf(route)]!.request(world);
  const adminOnly = { status: 403, code: 'GATEWAY_ERR_ADMIN_ONLY' };

  for (const person of [world.researcherA, world.curatorX, world.curatorY]) {
    await expectRefused(context, route, { path, body, person }, adminOnly);
  }
  await expectRefused(
    context,
    route,
    { path, body, headers: { authorization: `Bearer ${tokens.everyScopeOfA}` } },
    adminOnly,
  );
}

/** Adds `profileId=<B>` to a path that does not name profile B yet, as a curator acting for B sends it. */
function actingForB(path: string, world: AccessWorld): string {
  if (path.includes('profileId=')) return path;
  return `${path}${path.includes('?') ? '&' : '?'}profileId=${world.researcherB.profileId}`;
}

/**
 * Checks that researcher A, curator X and A's all-scope token get 404 for profile B's objects,
 * whether or not the request names profile B as the profile acted for.
 */
export async function checkOtherProfileHidden(context: MatrixContext, route: RegisteredRoute): Promise<void> {
  const { world, tokens } = context;
  const { path, body } = ROUTE_CASES[keyOf(route)]!.request(world);
  const notFound = { status: 404, code: 'GATEWAY_ERR_NOT_FOUND' };

  for (const person of [world.researcherA, world.curatorX]) {
    await expectRefused(context, route, { path, body, person }, notFound);
    await expectRefused(context, route, { path: actingForB(path, world), body, person }, notFound);
  }
  await expectRefused(
    context,
    route,
    { path, body, headers: { authorization: `Bearer ${tokens.everyScopeOfA}` } },
    notFound,
  );
}

/** Returns the status researcher B and curator Y get for a read, which must succeed. */
export async function ownerReadStatuses(context: MatrixContext, route: RegisteredRoute): Promise<number[]> {
  const { path } = ROUTE_CASES[keyOf(route)]!.request(context.world);
  const statuses: number[] = [];
  const requests = [
    { person: context.world.researcherB, path },
    { person: context.world.curatorY, path: actingForB(path, context.world) },
  ];
  for (const { person, path: personPath } of requests) {
    // The notification stream stays open, so only its status line is read.
    const abort = new AbortController();
    const response = await fetch(`${context.stack.gatewayUrl}${personPath}`, {
      headers: { cookie: person.cookie },
      signal: abort.signal,
    });
    statuses.push(response.status);
    abort.abort();
  }
  return statuses;
}
