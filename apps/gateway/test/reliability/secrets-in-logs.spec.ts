// A run set up as in production, at log level debug. NATS users and Redis have passwords, and sign-in
// goes through the local OIDC provider with a client secret. The test creates and uses an API token,
// sends refused requests and starts a gateway with wrong NATS and Redis passwords. Then it looks for
// every secret of the run in everything the gateway and the verification service logged.
import { randomBytes } from 'node:crypto';

import { CookieJar, signInThroughBrowser, startLocalOidcProvider } from '@atlas/local-oidc';
import type { LocalOidcProvider } from '@atlas/local-oidc';
import { closedPort } from '@atlas/service-testing';
import { startTestNats, startTestRedis } from '@atlas/testing';
import type { TestNats, TestNatsUser, TestRedis } from '@atlas/testing';

import { REAL_ORCIDS, SESSION_SECRET } from '../gateway-harness';
import { expectStatus } from './access-world';
import type { Person } from './access-world';
import { startReliabilityStack } from './reliability-stack';
import type { NatsClient, ReliabilityStack } from './reliability-stack';
import { findSecrets } from './secret-scan';
import type { WatchedSecret } from './secret-scan';
import { logsOfWrongPasswordGateway } from './wrong-password-gateway';

const secret = (label: string) => `${label}-${randomBytes(12).toString('base64url')}`;
const NATS_USERS: Record<NatsClient, TestNatsUser> = {
  setup: { user: 'atlas-setup', password: secret('nats-setup') },
  gateway: { user: 'atlas-gateway', password: secret('nats-gateway') },
  verification: { user: 'atlas-verification', password: secret('nats-verification') },
  ingest: { user: 'atlas-ingest', password: secret('nats-ingest') },
  matching: { user: 'atlas-matching', password: secret('nats-matching') },
  notification: { user: 'atlas-notification', password: secret('nats-notification') },
};
const REDIS_PASSWORD = secret('redis');
const CLIENT_ID = 'atlas-gateway-secrets';
const CLIENT_SECRET = secret('oidc-client');
const WRONG_NATS_PASSWORD = secret('wrong-nats');
const WRONG_REDIS_PASSWORD = secret('wrong-redis');

let nats: TestNats;
let redis: TestRedis;
let provider: LocalOidcProvider;
let stack: ReliabilityStack;
let oidcEnv: Record<string, string>;

beforeAll(async () => {
  [nats, redis] = await Promise.all([
    startTestNats({ users: Object.values(NATS_USERS) }),
    startTestRedis({ password: REDIS_PASSWORD }),
  ]);
  const port = await closedPort();
  const redirectUri = `http://127.0.0.1:${port}/auth/orcid/callback`;
  provider = await startLocalOidcProvider({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri,
    accounts: REAL_ORCIDS.map((sub) => ({ sub, name: 'Test Researcher' })),
  });
  oidcEnv = {
    ATLAS_OIDC_ISSUER: provider.issuer,
    ATLAS_OIDC_CLIENT_ID: CLIENT_ID,
    ATLAS_OIDC_CLIENT_SECRET: CLIENT_SECRET,
    ATLAS_OIDC_REDIRECT_URL: redirectUri,
  };
  // Sign-in needs the verification service to find or create the profile. No route used here calls
  // the other services, so they are not started.
  stack = await startReliabilityStack({
    natsUrl: (client) => nats.urlFor(NATS_USERS[client]),
    redisUrl: redis.url,
    logLevel: 'debug',
    services: ['verification'],
    gatewayEnv: { ...oidcEnv, ATLAS_GATEWAY_PORT: String(port) },
  });
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await provider?.stop();
  await redis?.stop();
  await nats?.stop();
});

/** Signs in through the provider as a browser does and reads the CSRF token of the new session. */
async function signIn(orcid: string): Promise<Person> {
  const jar = new CookieJar();
  const callback = await signInThroughBrowser(stack.gatewayUrl, orcid, jar);
  if (callback.status !== 303) throw new Error(`Sign-in as ${orcid} returned ${callback.status}`);
  const cookie = jar.header(new URL(stack.gatewayUrl));
  const session = await expectStatus<{ accountId: string; profileId: string; csrfToken: string }>(
    stack,
    '/auth/session',
    200,
    { headers: { cookie } },
  );
  return { accountId: session.accountId, profileId: session.profileId, cookie, csrfToken: session.csrfToken };
}

describe('logs of a run with every secret in play', () => {
  it('hold none of its secrets', async () => {
    const researcher = await signIn(REAL_ORCIDS[0]!);
    const admin = await signIn(REAL_ORCIDS[1]!);
    await stack.owners.gateway.query(
      "INSERT INTO access.account_roles (account_id, role) VALUES ($1, 'admin')",
      [admin.accountId],
    );
    const created = await expectStatus<{ secret: string }>(stack, '/admin/tokens', 201, {
      method: 'POST',
      person: admin,
      body: { accountId: researcher.accountId, name: 'log scan', scopes: ['profile:read'] },
    });
    const bearer = `Bearer ${created.secret}`;

    await expectStatus(stack, '/profile', 200, { headers: { authorization: bearer } });
    await expectStatus(stack, '/profile', 200, { person: researcher });
    // Refused: a token without the scope, a token with a changed letter, a cookie without its
    // signature, a write without the CSRF token, a CSRF token of another session, bad input.
    await expectStatus(stack, '/profile', 403, {
      method: 'PATCH',
      headers: { authorization: bearer, 'content-type': 'application/json' },
      body: { displayName: 'Nobody' },
    });
    await expectStatus(stack, '/profile', 401, { headers: { authorization: `${bearer.slice(0, -1)}x` } });
    const unsigned = researcher.cookie.replace(/\.[^.;]+$/, '');
    await expectStatus(stack, '/profile', 401, { headers: { cookie: unsigned } });
    await expectStatus(stack, '/profile', 403, {
      method: 'PATCH',
      person: researcher,
      headers: { 'x-csrf-token': '' },
      body: { displayName: 'Nobody' },
    });
    await expectStatus(stack, '/profile', 403, {
      method: 'PATCH',
      person: researcher,
      headers: { 'x-csrf-token': admin.csrfToken },
      body: { displayName: 'Nobody' },
    });
    await expectStatus(stack, '/profile', 400, {
      method: 'PATCH',
      person: researcher,
      body: '{"displayName":',
    });
    await expectStatus(stack, '/auth/logout', 204, { method: 'POST', person: researcher });
    await expectStatus(stack, '/profile', 401, { person: researcher });

    const wrongPasswordLogs = await logsOfWrongPasswordGateway({
      ...oidcEnv,
      DATABASE_URL: stack.database.services.gateway!.runtimeUrl,
      NATS_URL: nats.urlFor({ user: NATS_USERS.gateway.user, password: WRONG_NATS_PASSWORD }),
      REDIS_URL: redis.url.replace(encodeURIComponent(REDIS_PASSWORD), WRONG_REDIS_PASSWORD),
      ATLAS_LOG_LEVEL: 'debug',
      ATLAS_GATEWAY_SESSION_SECRET: SESSION_SECRET,
    });

    const people = [researcher, admin];
    const cookieValues = people.map((person) => decodeURIComponent(person.cookie.split('=')[1]!));
    const databaseUrls = Object.values(stack.database.services).flatMap((service) => [
      service.runtimeUrl,
      service.ownerUrl,
    ]);
    const secrets: Record<string, string[]> = {
      'database password': databaseUrls.map((url) => decodeURIComponent(new URL(url).password)),
      'NATS password': [...Object.values(NATS_USERS).map((user) => user.password), WRONG_NATS_PASSWORD],
      'Redis password': [REDIS_PASSWORD, WRONG_REDIS_PASSWORD],
      'OIDC client secret': [CLIENT_SECRET],
      'session cookie': cookieValues,
      'session id': cookieValues.map((value) => value.slice(0, value.lastIndexOf('.'))),
      'CSRF token': people.map((person) => person.csrfToken),
      'API token': [created.secret],
      'session signing secret': [SESSION_SECRET],
    };
    const logs = `${stack.logs()}\n${wrongPasswordLogs}`;
    const watched: WatchedSecret[] = Object.entries(secrets).flatMap(([kind, values]) =>
      values.map((value) => ({ kind, value })),
    );

    expect(wrongPasswordLogs).toContain('NATS connection failed');
    expect(wrongPasswordLogs).toContain('Redis connection failed');
    expect(logs).toMatch(/"level":"debug"/);
    expect(
      Object.values(secrets)
        .flat()
        .filter((value) => value === ''),
    ).toEqual([]);
    expect(findSecrets(logs, watched)).toEqual([]);

    // The scan must see a leak in these very logs: each secret planted once, in a line the logger could
    // have written with the value as is, URL-encoded in a connection URL, or inside a JSON string.
    const plantings = [
      (value: string) => `{"level":30,"msg":"connecting","detail":${JSON.stringify(value)}}`,
      (value: string) => `{"level":50,"url":"redis://:${encodeURIComponent(value)}@127.0.0.1:6379"}`,
      (value: string) => `{"level":20,"body":${JSON.stringify(JSON.stringify({ token: value }))}}`,
    ];
    for (const [index, secret] of watched.entries()) {
      const planted = plantings[index % plantings.length]!(secret.value);
      expect(findSecrets(`${logs}\n${planted}`, watched)).toContain(secret.kind);
    }
    expect(logs).not.toMatch(/Bearer atl_[A-Za-z0-9_-]{8,}/);
    expect(logs).not.toMatch(/atlas_session=/);
  });
});
