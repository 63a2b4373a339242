// A real OpenID Connect provider (oidc-provider) on loopback that stands in for ORCID in tests and
// local runs. It runs as its own Node process because oidc-provider is published only as ES modules.
// It reads its settings as one JSON document on standard input:
//   { port, client: { id, secret, redirectUri }, accounts: [{ sub, name }] }
// Its development login form takes an account's `sub` (an ORCID iD) as the login and any password;
// a login that names no account is refused. Prints `{"issuer": "..."}` once listening.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

async function readSettings() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const settings = await readSettings();
const accounts = new Map(settings.accounts.map((account) => [account.sub, account]));
const server = createServer();

server.listen(settings.port ?? 0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: settings.client.id,
        client_secret: settings.client.secret,
        redirect_uris: [settings.client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(24).toString('base64url')] },
    // ORCID puts the person's name in the ID token of the openid scope, so this provider does too.
    claims: { openid: ['sub', 'name'] },
    conformIdTokenClaims: false,
    // A login that names no account makes the provider fail the interaction. This page replaces the
    // provider's generic error with the reason and with accounts that work.
    renderError: (context, out) => {
      const examples = [...accounts.keys()].slice(0, 3).join(', ');
      process.stderr.write(`Sign-in failed: ${out.error}: ${out.error_description ?? ''}\n`);
      context.type = 'html';
      context.body =
        '<!doctype html><title>Sign-in failed</title><h1>Sign-in failed</h1>' +
        `<p>${escapeHtml(out.error_description ?? out.error)}</p>` +
        '<p>Log in with the ORCID iD of a loaded profile and any password' +
        (examples ? `, for example ${escapeHtml(examples)}.` : '.') +
        '</p><p><a href="/">Start again from the application.</a></p>';
    },
    findAccount: (_context, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, name: account.name }) };
    },
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
server.on('error', (error) => {
  process.stderr.write(`The OIDC provider failed to listen: ${error.message}\n`);
  process.exit(1);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
