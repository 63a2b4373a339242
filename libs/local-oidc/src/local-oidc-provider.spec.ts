import { startLocalOidcProvider } from './local-oidc-provider';
import type { LocalOidcProvider } from './local-oidc-provider';

// A real ORCID iD from the ORCID records in data/real (Carl Boettiger).
const ACCOUNT = { sub: '0000-0002-1642-628X', name: 'Carl Boettiger' };
const REDIRECT_URI = 'http://127.0.0.1:9/auth/orcid/callback';

let provider: LocalOidcProvider;

beforeAll(async () => {
  provider = await startLocalOidcProvider({
    clientId: 'atlas-local',
    clientSecret: 'a-secret-for-this-test-only',
    redirectUri: REDIRECT_URI,
    accounts: [ACCOUNT],
  });
}, 30_000);

afterAll(async () => {
  await provider?.stop();
});

describe('local OIDC provider', () => {
  it('publishes its discovery document', async () => {
    const response = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
    const document = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(document['issuer']).toBe(provider.issuer);
    expect(document['code_challenge_methods_supported']).toContain('S256');
  });

  it('explains a failed request with working accounts', async () => {
    const request = new URL(`${provider.issuer}/auth`);
    request.search = new URLSearchParams({
      client_id: 'no-such-client',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: REDIRECT_URI,
    }).toString();
    const response = await fetch(request);
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('Sign-in failed');
    expect(page).toContain(ACCOUNT.sub);
  });

  it('stops twice without error', async () => {
    const second = await startLocalOidcProvider({
      clientId: 'atlas-local',
      clientSecret: 'another-secret-for-this-test',
      redirectUri: REDIRECT_URI,
      accounts: [ACCOUNT],
    });
    await second.stop();
    await second.stop();

    await expect(fetch(`${second.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
  });
});
