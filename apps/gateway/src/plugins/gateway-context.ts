import type { GatewayConfig } from '../config';
import type { AccessRepository } from '../repositories/access.repository';
import type { AccountRepository } from '../repositories/account.repository';
import type { ApiTokenRepository } from '../repositories/api-token.repository';
import type { SessionRepository } from '../repositories/session.repository';
import type { OidcSignIn } from './oidc-sign-in';

/** Everything the gateway's routes share: configuration, repositories and the sign-in client. */
export interface GatewayContext {
  config: GatewayConfig;
  accounts: AccountRepository;
  tokens: ApiTokenRepository;
  access: AccessRepository;
  sessions: SessionRepository;
  oidc: OidcSignIn;
}

/** Name of the signed cookie carrying the session id. */
export const SESSION_COOKIE = 'atlas_session';

/** Name of the signed cookie binding a pending sign-in to the browser that started it. */
export const SIGN_IN_COOKIE = 'atlas_sign_in';

/** Header a browser sends the session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';
