// The bad-input corpus, the access matrix and the log scan share one stack, because starting the
// four services takes most of this file's run time.
import { ROUTE_CASES } from './access-routes';
import {
  checkAdminOnly,
  checkCredentialRefusals,
  checkOtherProfileHidden,
  createMatrixTokens,
  ownerReadStatuses,
} from './access-matrix';
import type { MatrixContext } from './access-matrix';
import { loadHttpCases, sendCase } from './bad-input-requests';
import type { HttpCase } from './bad-input-requests';
import { buildAccessWorld, expectStatus, gatewayCall } from './access-world';
import { startReliabilityStack } from './reliability-stack';
import type { RegisteredRoute } from './reliability-stack';
import { changedTables, snapshotTables } from './table-snapshot';

let context: MatrixContext;

beforeAll(async () => {
  const stack = await startReliabilityStack();
  try {
    const world = await buildAccessWorld(stack);
    context = { stack, world, tokens: await createMatrixTokens(stack, world) };
  } catch (error) {
    await stack.close();
    throw error;
  }
}, 180_000);

afterAll(async () => {
  await context?.stack.close();
});

/** Routes as registered, without the HEAD twins Fastify adds to each GET. */
const registeredRoutes = (): RegisteredRoute[] =>
  context.stack.routes.filter((route) => route.method !== 'HEAD');
const routeOf = (key: string): RegisteredRoute => {
  const route = registeredRoutes().find((candidate) => `${candidate.method} ${candidate.url}` === key);
  if (!route) throw new Error(`${key} is in the access matrix but the gateway has no such route`);
  return route;
};

describe('access matrix', () => {
  const keys = Object.keys(ROUTE_CASES);

  it('covers every registered route', () => {
    const registered = registeredRoutes().map((route) => `${route.method} ${route.url}`);

    expect(registered.filter((key) => !(key in ROUTE_CASES))).toEqual([]);
    expect(keys.filter((key) => !registered.includes(key))).toEqual([]);
  });

  it('marks public exactly the routes with a reason', () => {
    const publicRoutes = registeredRoutes().filter((route) => route.access === 'public');
    const withReason = keys.filter((key) => ROUTE_CASES[key]!.publicBecause !== undefined);

    expect(publicRoutes.map((route) => `${route.method} ${route.url}`).sort()).toEqual(withReason.sort());
  });

  it('requires a scope on every token-usable route but sign-out', () => {
    const scopeless = registeredRoutes().filter((route) => route.access !== 'public' && !route.scope);

    expect(scopeless.map((route) => `${route.method} ${route.url}`)).toEqual(['POST /auth/logout']);
  });

  describe('refuses bad credentials', () => {
    let before: Record<string, string>;
    beforeAll(async () => {
      before = await snapshotTables(context.stack);
    });

    it.each(keys.filter((key) => ROUTE_CASES[key]!.publicBecause === undefined))('%s', async (key) => {
      await checkCredentialRefusals(context, routeOf(key));
    });

    it('leaves every table as it was', async () => {
      expect(changedTables(before, await snapshotTables(context.stack))).toEqual([]);
    });
  });

  describe('admits administrators only to admin routes', () => {
    it.each(keys.filter((key) => key.includes(' /admin/')))('%s', async (key) => {
      const route = routeOf(key);

      expect(route.access).toBe('admin');
      await checkAdminOnly(context, route);
    });
  });

  describe("hides profile B's objects from researcher A and curator X", () => {
    let before: Record<string, string>;
    beforeAll(async () => {
      before = await snapshotTables(context.stack);
    });

    it.each(keys.filter((key) => ROUTE_CASES[key]!.addressesProfileB && !ROUTE_CASES[key]!.publicBecause))(
      '%s',
      async (key) => {
        await checkOtherProfileHidden(context, routeOf(key));
      },
    );

    it('leaves every table as it was', async () => {
      expect(changedTables(before, await snapshotTables(context.stack))).toEqual([]);
    });

    it.each(keys.filter((key) => ROUTE_CASES[key]!.addressesProfileB && key.startsWith('GET ')))(
      '%s answers researcher B and curator Y',
      async (key) => {
        expect(await ownerReadStatuses(context, routeOf(key))).toEqual([200, 200]);
      },
    );
  });

  it("keeps profile B's private work list from anonymous readers", async () => {
    const settings = `/profile/settings`;
    const { researcherB } = context.world;
    const original = await expectStatus<{ visibility: string }>(context.stack, settings, 200, {
      person: researcherB,
    });
    await expectStatus(context.stack, settings, 200, {
      method: 'PATCH',
      person: researcherB,
      body: { visibility: 'private' },
    });
    const response = await gatewayCall(
      context.stack,
      `/public/profiles/${context.world.researcherB.profileId}/works`,
    );
    const text = await response.text();

    await expectStatus(context.stack, settings, 200, {
      method: 'PATCH',
      person: researcherB,
      body: { visibility: original.visibility },
    });

    expect(response.status).toBe(404);
    expect(
      context.world
        .markersOfB()
        .filter((marker) => text.includes(marker) && marker !== researcherB.profileId),
    ).toEqual([]);
  });
});

describe('bad-input corpus over HTTP', () => {
  const cases = loadHttpCases();

  it('holds at least 40 request cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((testCase): [string, HttpCase] => [testCase.id, testCase]))(
    '%s',
    async (_id, testCase) => {
      const { status, mentions = [], verbatim = [], code } = testCase.expect;
      const refused = status >= 400;
      const before = refused ? await snapshotTables(context.stack) : {};
      const response = await sendCase(context.stack, context.world, testCase);

      expect([testCase.about, response.status, response.text.slice(0, 300)]).toEqual([
        testCase.about,
        status,
        expect.any(String),
      ]);
      if (refused) {
        const { error } = JSON.parse(response.text) as {
          error: { code: string; message: string; details?: unknown };
        };
        const explained = `${error.message} ${JSON.stringify(error.details ?? null)}`;
        if (code) expect(error.code).toBe(code);
        for (const mention of mentions)
          expect([mention, explained]).toEqual([mention, expect.stringContaining(mention)]);
        expect(changedTables(before, await snapshotTables(context.stack))).toEqual([]);
      }
      for (const text of verbatim) expect(response.text).toContain(JSON.stringify(text).slice(1, -1));
    },
  );
});

describe('logs', () => {
  it('hold no session id, cookie, CSRF token, API token or database password', async () => {
    const { stack, world, tokens } = context;
    const people = [world.admin, world.researcherA, world.researcherB, world.curatorX, world.curatorY];
    const cookieValues = people.map((person) => decodeURIComponent(person.cookie.split('=')[1]!));
    const sessionIds = cookieValues.map((value) => value.slice(0, value.lastIndexOf('.')));
    const databasePasswords = Object.values(stack.database.services).map(
      (service) => new URL(service.runtimeUrl).password,
    );
    const secrets = [
      ...cookieValues,
      ...sessionIds,
      ...people.map((person) => person.csrfToken),
      ...Object.values(tokens),
      ...databasePasswords,
    ];
    const logs = stack.logs();

    expect(logs.length).toBeGreaterThan(10_000);
    expect(secrets.filter((secret) => logs.includes(secret))).toEqual([]);
    // The 401 message itself names the header, so only a header with a token value counts.
    expect(logs).not.toMatch(/Bearer atl_[A-Za-z0-9_-]{8,}/);
    expect(logs).not.toMatch(/atlas_session=/);
  });
});
