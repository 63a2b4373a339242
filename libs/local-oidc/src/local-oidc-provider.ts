import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** An account of the local provider: its subject (an ORCID iD) and the name its ID token carries. */
export interface LocalOidcAccount {
  sub: string;
  name: string;
}

/** Settings of {@link startLocalOidcProvider}. */
export interface LocalOidcProviderOptions {
  clientId: string;
  clientSecret: string;
  /** The gateway's `/auth/orcid/callback` URL, the only redirect URI the client may use. */
  redirectUri: string;
  accounts: readonly LocalOidcAccount[];
  /** Port on 127.0.0.1; any free port when absent. */
  port?: number;
}

/** A running local OpenID Connect provider. */
export interface LocalOidcProvider {
  issuer: string;
  /** Stops the provider; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a real OpenID Connect provider on loopback with one confidential client and the given
 * accounts, in a child process. It replaces ORCID locally: sign in with an account's ORCID iD as the
 * login and any password.
 */
export async function startLocalOidcProvider(options: LocalOidcProviderOptions): Promise<LocalOidcProvider> {
  const script = path.join(__dirname, 'oidc-provider-server.mjs');
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  child.stdin.end(
    JSON.stringify({
      port: options.port ?? 0,
      client: { id: options.clientId, secret: options.clientSecret, redirectUri: options.redirectUri },
      accounts: options.accounts,
    }),
  );

  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(() => {
    throw new Error(`The local OIDC provider exited before listening: ${errors.trim()}`);
  });
  const [line] = (await Promise.race([once(lines, 'line'), exited])) as [string];
  const { issuer } = JSON.parse(line) as { issuer: string };
  return {
    issuer,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const ended = once(child, 'exit');
      child.kill('SIGTERM');
      await ended;
    },
  };
}
