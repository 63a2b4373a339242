import type * as OpenIdClientModule from 'openid-client';
import type { Configuration } from 'openid-client';

import { ServiceError } from '@atlas/service-runtime';

/** Settings of the OpenID Connect client; sign-in is off until client id and redirect URL are set. */
export interface OidcSettings {
  issuer: string;
  clientId?: string;
  clientSecret?: string;
  redirectUrl?: string;
}

/** Provider URL to redirect to, with the state, nonce and PKCE verifier kept server-side until the callback. */
export interface AuthorizationRequest {
  url: URL;
  state: string;
  codeVerifier: string;
  nonce: string;
}

/** Claims of a completed sign-in. */
export interface SignInClaims {
  subject: string;
  name: string | undefined;
}

type OpenIdClient = typeof OpenIdClientModule;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function notConfigured(): ServiceError {
  return new ServiceError({
    code: 'GATEWAY_ERR_SIGN_IN_NOT_CONFIGURED',
    statusCode: 503,
    message: 'Sign-in is not configured: set ATLAS_OIDC_CLIENT_ID and ATLAS_OIDC_REDIRECT_URL.',
  });
}

function nameOf(claims: Record<string, unknown>): string | undefined {
  if (typeof claims['name'] === 'string' && claims['name'].trim() !== '') return claims['name'].trim();
  const parts = [claims['given_name'], claims['family_name']].filter((part) => typeof part === 'string');
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/**
 * Sign-in through an OpenID Connect provider (ORCID in production) with the authorization code flow
 * and PKCE. The provider's metadata is discovered on first use and kept.
 */
export class OidcSignIn {
  private configuration?: Promise<Configuration>;
  private library?: Promise<OpenIdClient>;

  constructor(private readonly settings: OidcSettings) {}

  /** Builds the provider URL a browser is redirected to, with fresh state, nonce and PKCE verifier. */
  async startAuthorization(): Promise<AuthorizationRequest> {
    const [client, configuration] = await Promise.all([this.client(), this.discover()]);
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUrl(),
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, codeVerifier, nonce };
  }

  /** Exchanges the code of a callback for tokens and returns the ID token's claims. */
  async completeAuthorization(
    query: string,
    expected: { state: string; codeVerifier: string; nonce: string },
  ): Promise<SignInClaims> {
    const [client, configuration] = await Promise.all([this.client(), this.discover()]);
    const callbackUrl = new URL(this.redirectUrl());
    callbackUrl.search = query;
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('The provider returned no ID token claims');
    return { subject: claims.sub, name: nameOf(claims as Record<string, unknown>) };
  }

  private redirectUrl(): string {
    if (!this.settings.redirectUrl) throw notConfigured();
    return this.settings.redirectUrl;
  }

  private client(): Promise<OpenIdClient> {
    this.library ??= import('openid-client');
    return this.library;
  }

  private discover(): Promise<Configuration> {
    const { issuer, clientId, clientSecret, redirectUrl } = this.settings;
    if (!clientId || !redirectUrl) return Promise.reject(notConfigured());
    this.configuration ??= this.client()
      .then((client) => {
        const issuerUrl = new URL(issuer);
        // Plain HTTP is accepted only for a provider on this machine, as in tests and development.
        const insecure = issuerUrl.protocol === 'http:' && LOOPBACK_HOSTS.has(issuerUrl.hostname);
        const authentication = clientSecret ? client.ClientSecretPost(clientSecret) : client.None();
        return client.discovery(issuerUrl, clientId, undefined, authentication, {
          ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
        });
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw new ServiceError({
          code: 'GATEWAY_ERR_SIGN_IN_PROVIDER_UNAVAILABLE',
          statusCode: 503,
          message: 'The sign-in provider cannot be reached; retry in a moment.',
          cause: error,
        });
      });
    return this.configuration;
  }
}
