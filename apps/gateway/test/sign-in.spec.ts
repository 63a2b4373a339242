import { isValidOrcid } from '@atlas/contracts';
import { CookieJar, signInThroughBrowser, startLocalOidcProvider } from '@atlas/local-oidc';
import type { LocalOidcProvider } from '@atlas/local-oidc';
import { closedPort } from '@atlas/service-testing';
import { CreateProfileRpc, FindProfileByIdentityRpc } from '@atlas/contracts';

import { profileDetail } from './example-results';
import { REAL_ORCIDS, startGateway } from './gateway-harness';
import type { GatewayHarness } from './gateway-harness';

const CLIENT_ID = 'atlas-gateway-test';
const CLIENT_SECRET = 'a-client-secret-for-the-local-provider-only';

let gateway: GatewayHarness;
let provider: LocalOidcProvider;

beforeAll(async () => {
  // The provider's client needs the redirect URI, which names the gateway's port, so the port is
  // chosen first.
  const port = await closedPort();
  const redirectUri = `http://127.0.0.1:${port}/auth/orcid/callback`;
  provider = await startLocalOidcProvider({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri,
    accounts: REAL_ORCIDS.map((sub) => ({ sub, name: 'Test Researcher' })),
  });
  gateway = await startGateway(
    {
      ATLAS_OIDC_ISSUER: provider.issuer,
      ATLAS_OIDC_CLIENT_ID: CLIENT_ID,
      ATLAS_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      ATLAS_OIDC_REDIRECT_URL: redirectUri,
    },
    port,
  );
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await provider?.stop();
});

describe('sign-in with the local OIDC provider', () => {
  it('links the first sign-in to the profile holding the ORCID iD', async () => {
    const orcid = REAL_ORCIDS[0]!;
    const profileId = '01938a6e-0000-7000-8000-0000000000a1';
    gateway.responder.reply(FindProfileByIdentityRpc, { profileId });
    const jar = new CookieJar();
    const callback = await signInThroughBrowser(gateway.baseUrl, orcid, jar);
    const session = await fetch(`${gateway.baseUrl}/auth/session`, {
      headers: { cookie: jar.header(new URL(gateway.baseUrl)) },
    });

    expect(isValidOrcid(orcid)).toBe(true);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('set-cookie')).toMatch(/atlas_session=.*HttpOnly.*SameSite=Lax/i);
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ profileId, role: 'researcher' });
    expect(gateway.responder.lastCall(FindProfileByIdentityRpc).body).toEqual({
      actor: { role: 'system' },
      type: 'orcid',
      value: orcid,
    });
  });

  it('creates a profile when none holds the ORCID iD', async () => {
    const orcid = REAL_ORCIDS[1]!;
    const profileId = '01938a6e-0000-7000-8000-0000000000a2';
    gateway.responder.reply(FindProfileByIdentityRpc, { profileId: null });
    gateway.responder.reply(CreateProfileRpc, { profile: profileDetail(profileId), created: true });
    const jar = new CookieJar();
    await signInThroughBrowser(gateway.baseUrl, orcid, jar);
    const { rows } = await gateway.pool.query<{ profile_id: string }>(
      'SELECT profile_id FROM access.accounts WHERE orcid_subject = $1',
      [orcid],
    );

    expect(rows[0]?.profile_id).toBe(profileId);
    expect(gateway.responder.lastCall(CreateProfileRpc).body).toMatchObject({
      orcid,
      displayName: 'Test Researcher',
    });
  });

  it('explains a login that names no account', async () => {
    const failure = await signInThroughBrowser(gateway.baseUrl, '0000-0003-0000-0001', new CookieJar()).then(
      () => undefined,
      (error: unknown) => error as Error,
    );

    expect(failure?.message).toContain('Sign-in failed');
    expect(failure?.message).toContain(REAL_ORCIDS[0]!);
  });

  it('rejects a callback from another browser', async () => {
    const start = await fetch(`${gateway.baseUrl}/auth/orcid`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location')!).searchParams.get('state');
    const response = await fetch(`${gateway.baseUrl}/auth/orcid/callback?state=${state}&code=stolen`, {
      redirect: 'manual',
    });

    expect(response.status).toBe(400);
  });

  it('sends PKCE and state to the provider', async () => {
    const start = await fetch(`${gateway.baseUrl}/auth/orcid`, { redirect: 'manual' });
    const location = new URL(start.headers.get('location')!);

    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('state')).toBeTruthy();
  });
});

describe('response schemas', () => {
  // Runs last, so it covers every response the tests above received.
  it('declare every status the routes returned', () => {
    expect(gateway.undeclaredStatuses()).toEqual([]);
  });
});
