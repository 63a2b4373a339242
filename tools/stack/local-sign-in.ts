import { randomBytes } from 'node:crypto';

import { Pool } from 'pg';

import { pickPort } from '@atlas/local-stack';
import { startLocalOidcProvider } from '@atlas/local-oidc';
import type { LocalOidcAccount, LocalOidcProvider } from '@atlas/local-oidc';

/** Port the local provider takes when it is free, so that its issuer URL stays the same between starts. */
const PREFERRED_PROVIDER_PORT = 3009;

/** Address of the planned local provider and the gateway settings that point at it. */
export interface LocalSignInPlan {
  issuer: string;
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Gateway environment for the local provider. */
  env: Record<string, string>;
}

/** True when the environment configures sign-in itself through any `ATLAS_OIDC_*` variable. */
export function hasOwnSignInSettings(env: NodeJS.ProcessEnv = process.env): boolean {
  return Object.keys(env).some((name) => name.startsWith('ATLAS_OIDC_'));
}

/**
 * Plans a local provider for a gateway on `gatewayPort`. The gateway discovers its provider on the first
 * sign-in, so it may start before the provider, which needs the profiles' ORCID iDs as its accounts.
 */
export async function planLocalSignIn(gatewayPort: number, preferredPort = PREFERRED_PROVIDER_PORT) {
  const port = await pickPort(preferredPort);
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'atlas-local';
  const clientSecret = randomBytes(24).toString('base64url');
  const redirectUri = `http://127.0.0.1:${gatewayPort}/auth/orcid/callback`;
  const plan: LocalSignInPlan = {
    issuer,
    port,
    clientId,
    clientSecret,
    redirectUri,
    env: {
      ATLAS_OIDC_ISSUER: issuer,
      ATLAS_OIDC_CLIENT_ID: clientId,
      ATLAS_OIDC_CLIENT_SECRET: clientSecret,
      ATLAS_OIDC_REDIRECT_URL: redirectUri,
      // Plain HTTP on loopback: a Secure cookie would not come back over http://127.0.0.1.
      ATLAS_GATEWAY_COOKIE_SECURE: 'false',
      ATLAS_GATEWAY_SIGNED_IN_REDIRECT: '/auth/session',
    },
  };
  return plan;
}

/** Reads the ORCID iD and name of every profile that has one, as accounts of the local provider. */
export async function profileAccounts(databaseUrl: string): Promise<LocalOidcAccount[]> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ sub: string; name: string }>(
      `SELECT primary_orcid AS sub, display_name AS name FROM verification.author_profiles
        WHERE primary_orcid IS NOT NULL AND erased_at IS NULL ORDER BY display_name`,
    );
    return rows;
  } finally {
    await pool.end();
  }
}

/** Starts the planned provider with the given accounts. */
export function startPlannedProvider(
  plan: LocalSignInPlan,
  accounts: readonly LocalOidcAccount[],
): Promise<LocalOidcProvider> {
  return startLocalOidcProvider({
    clientId: plan.clientId,
    clientSecret: plan.clientSecret,
    redirectUri: plan.redirectUri,
    accounts,
    port: plan.port,
  });
}
