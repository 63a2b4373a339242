// A real OpenID Connect provider (oidc-provider) on loopback for the sign-in tests. It runs as its
// own Node process because oidc-provider is published only as ES modules. Its development login
// form accepts any login, which becomes the `sub` claim. Arguments: client id, client secret,
// redirect URI. Prints `{"issuer": "..."}` once listening.
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const [clientId, clientSecret, redirectUri] = process.argv.slice(2);
const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    cookies: { keys: ['atlas-test-provider-cookie-key'] },
    // ORCID puts the person's name in the ID token of the openid scope, so this provider does too.
    claims: { openid: ['sub', 'name'] },
    conformIdTokenClaims: false,
    findAccount: (_context, sub) => ({
      accountId: sub,
      claims: () => ({ sub, name: 'Test Researcher' }),
    }),
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
