import { CookieJar, signInThroughBrowser } from '@atlas/local-oidc';

/** Error of a gateway request that did not answer with the expected status. */
export class GatewayRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path} returned ${status}: ${body.slice(0, 300)}`);
    this.name = 'GatewayRequestError';
  }
}

/** The signed-in account as `GET /auth/session` returns it. */
export interface SessionInfo {
  accountId: string;
  profileId: string;
  role: string;
  csrfToken: string;
}

/**
 * A browser session with the gateway's public HTTP API: the cookies of a sign-in through the OpenID
 * provider, and the CSRF token that every write sends.
 */
export class GatewaySession {
  private constructor(
    readonly baseUrl: string,
    readonly jar: CookieJar,
    readonly info: SessionInfo,
  ) {}

  /** Signs in through the provider's login form with an ORCID iD, following every redirect. */
  static async signIn(
    baseUrl: string,
    orcid: string,
  ): Promise<{ session: GatewaySession; callbackStatus: number }> {
    const jar = new CookieJar();
    const callback = await signInThroughBrowser(baseUrl, orcid, jar);
    if (callback.status !== 303) {
      throw new GatewayRequestError('GET', '/auth/orcid/callback', callback.status, await callback.text());
    }
    const url = new URL('/auth/session', baseUrl);
    const response = await fetch(url, { headers: { cookie: jar.header(url) } });
    if (response.status !== 200) {
      throw new GatewayRequestError('GET', '/auth/session', response.status, await response.text());
    }
    const info = (await response.json()) as SessionInfo;
    return { session: new GatewaySession(baseUrl, jar, info), callbackStatus: callback.status };
  }

  /** Sends a request with the session cookie (and the CSRF token on writes); returns the raw response. */
  async request(method: string, path: string, body?: unknown): Promise<Response> {
    const url = new URL(path, this.baseUrl);
    const headers: Record<string, string> = { cookie: this.jar.header(url) };
    if (method !== 'GET') headers['x-csrf-token'] = this.info.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    this.jar.store(url, response);
    return response;
  }

  /** Sends a request and returns its JSON body; throws unless the status is 200. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.request(method, path, body);
    const text = await response.text();
    if (response.status !== 200) throw new GatewayRequestError(method, path, response.status, text);
    return JSON.parse(text) as T;
  }

  /** Sends a GET and returns the body as text with its media type; throws unless the status is 200. */
  async text(path: string): Promise<{ body: string; contentType: string }> {
    const response = await this.request('GET', path);
    const body = await response.text();
    if (response.status !== 200) throw new GatewayRequestError('GET', path, response.status, body);
    return { body, contentType: response.headers.get('content-type') ?? '' };
  }
}
